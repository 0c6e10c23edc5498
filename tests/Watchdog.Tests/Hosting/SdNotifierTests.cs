using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Watchdog.Common.Hosting;

namespace Watchdog.Tests.Hosting;

// A real datagram socket that nobody reads: sending never blocks, drops are logged once per change, not per datagram.
public sealed class SdNotifierTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly Socket receiver = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly CapturingLogger logger = new();
    private readonly string path;

    public SdNotifierTests()
    {
        path = temp.Combine("notify.sock");
        receiver.Bind(new UnixDomainSocketEndPoint(path));
    }

    [Fact]
    public void Full_socket_drops_without_blocking_and_says_so_once_until_it_delivers_again()
    {
        using var notifier = new SdNotifier(path, null, logger);
        var sent = 0;
        while (notifier.Notify("WATCHDOG=1"))
        {
            Assert.True(++sent < 100_000, "the socket never filled up");
        }

        for (var i = 0; i < 10; i++)
        {
            Assert.False(notifier.Notify("WATCHDOG=1"));
        }

        Drain();
        Assert.True(notifier.Notify("WATCHDOG=1"));
        Assert.True(notifier.Notify("WATCHDOG=1"));

        Assert.Equal(1, logger.Count("dropping notifications until it accepts them again"));
        Assert.Equal(1, logger.Count("works again; 11 notifications were dropped"));
        Assert.Equal(1, logger.Events.Count(l => l.Level == LogLevel.Warning));
    }

    [Fact]
    public void Socket_nobody_listens_on_drops_without_an_exception()
    {
        using var notifier = new SdNotifier(temp.Combine("nobody.sock"), null, logger);

        Assert.False(notifier.Notify("READY=1"));
        Assert.False(notifier.Notify("WATCHDOG=1"));
        Assert.Equal(1, logger.Count("dropping notifications"));
    }

    public void Dispose()
    {
        receiver.Dispose();
        temp.Dispose();
    }

    private void Drain()
    {
        receiver.Blocking = false;
        var buffer = new byte[4096];
        while (receiver.Available > 0)
        {
            receiver.Receive(buffer);
        }
    }
}
