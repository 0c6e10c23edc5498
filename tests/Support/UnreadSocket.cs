using System.Net.Sockets;

namespace Watchdog.Tests.Support;

/// A NOTIFY_SOCKET nobody reads (a busy PID 1): a bound datagram socket whose receive queue is already full, so
/// a daemon's very first notification finds no room.
public sealed class UnreadSocket : IDisposable
{
    private readonly Socket socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);

    public UnreadSocket(string path)
    {
        Path = path;
        socket.Bind(new UnixDomainSocketEndPoint(path));
        using var sender = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { Blocking = false };
        var endPoint = new UnixDomainSocketEndPoint(path);
        for (var i = 0; i < 100_000; i++)
        {
            try
            {
                sender.SendTo("X=1"u8.ToArray(), endPoint);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock)
            {
                return;
            }
        }

        throw new InvalidOperationException("the datagram socket never filled up");
    }

    public string Path { get; }

    public void Dispose() => socket.Dispose();
}
