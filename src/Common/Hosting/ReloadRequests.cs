using System.Threading.Channels;

namespace Watchdog.Common.Hosting;

// SIGHUP (DESIGN.md §5 "Reload"): the signal handler only asks; the daemon's own loop reloads when it next looks.
// Requests that come while one waits are one request: the reload reads the file as it is then.
internal sealed class ReloadRequests
{
    private readonly Channel<bool> requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    // Never blocks: called from the signal handler.
    public void Request() => requests.Writer.TryWrite(true);

    // Completes at the next request (at once when one is waiting).
    public Task WaitAsync(CancellationToken cancellationToken) => requests.Reader.ReadAsync(cancellationToken).AsTask();
}
