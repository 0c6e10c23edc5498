using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace Watchdog.Tests.Integration;

// A real sd_notify receiver: a Unix datagram socket whose path is given to the daemon as NOTIFY_SOCKET.
internal sealed class NotifySocket : IDisposable
{
    private readonly Socket socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly CancellationTokenSource stop = new();
    private readonly Task receiving;

    public NotifySocket(string path)
    {
        Path = path;
        socket.Bind(new UnixDomainSocketEndPoint(path));
        receiving = Task.Run(ReceiveAsync);
    }

    public string Path { get; }

    // Every datagram split into its lines (one datagram may carry READY=1 and STATUS=...), in arrival order.
    public ConcurrentQueue<string> Messages { get; } = new();

    public int Count(string message) => Messages.Count(m => m == message);

    public int IndexOf(string message) => Messages.ToList().IndexOf(message);

    public void Dispose()
    {
        stop.Cancel();
        socket.Dispose();
        try
        {
            receiving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The socket was closed under the receive; that is how it ends.
        }

        stop.Dispose();
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[4096];
        while (!stop.IsCancellationRequested)
        {
            int n;
            try
            {
                n = await socket.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            foreach (var line in Encoding.UTF8.GetString(buffer, 0, n).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                Messages.Enqueue(line);
            }
        }
    }
}
