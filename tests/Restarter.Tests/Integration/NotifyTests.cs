using System.Net.Sockets;
using System.Text;
using Restarter.Tests.Support;

namespace Restarter.Tests.Integration;

[Collection("restarter")]
public sealed class NotifyTests
{
    [Fact]
    public async Task Restarter_tells_a_real_notify_socket_ready_watchdog_status_and_stopping()
    {
        using var rig = new RestarterRig();
        var path = Path.Combine(rig.Scratch, "notify.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        var received = new List<string>();
        var reader = Task.Run(async () =>
        {
            var buffer = new byte[4096];
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None);
                lock (received)
                {
                    received.Add(Encoding.UTF8.GetString(buffer, 0, n));
                }
            }
        });
        rig.Configure(RestarterRig.Program("api", "exec sleep 1000"));

        rig.Start(notifySocket: path);

        await Poll.UntilAsync(() => Snapshot(received).Any(m => m.Contains("READY=1", StringComparison.Ordinal)), "READY=1");
        await Poll.UntilAsync(() => Snapshot(received).Any(m => m.Contains("WATCHDOG=1", StringComparison.Ordinal) && m.Contains("STATUS=1 running", StringComparison.Ordinal)), "WATCHDOG=1 with STATUS");
        Assert.Equal(0, await rig.StopAsync());
        await Poll.UntilAsync(() => Snapshot(received).Any(m => m.Contains("STOPPING=1", StringComparison.Ordinal)), "STOPPING=1");
    }

    [Fact]
    public async Task Restarter_with_a_full_notify_socket_still_relaunches_and_beats()
    {
        using var rig = new RestarterRig();
        var path = Path.Combine(rig.Scratch, "unread.sock");
        using var unread = new UnreadSocket(path);
        rig.Configure(RestarterRig.Program("api", "exec sleep 1000"));

        rig.Start(notifySocket: path);

        var first = await rig.RunningAsync("api");
        var heart = rig.Layout.Heart("restarter");
        var before = File.GetLastWriteTimeUtc(heart);
        rig.Problem("api", "stuck");
        await rig.RunningAsync("api", notTag: first.Tag);
        await Poll.UntilAsync(() => File.GetLastWriteTimeUtc(heart) > before, "the restarter's heart to be beaten again");
        Assert.Single(rig.Output.Split('\n'), l => l.Contains("dropping notifications", StringComparison.Ordinal));
    }


    private static List<string> Snapshot(List<string> received)
    {
        lock (received)
        {
            return [.. received];
        }
    }
}
