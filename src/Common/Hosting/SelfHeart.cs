using Microsoft.Extensions.Logging;
using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;

namespace Watchdog.Common.Hosting;

// A daemon's own heart (DESIGN.md §5: `watchdog`, `restarter`), for watchdog(8), a second host or the other
// daemon to watch. One rule for both: the timeout is max(3 × the loop's longest sleep, 10s), so only a wedged
// or dead loop lets it go stale. Removed on an orderly stop, so a deliberate stop is not a problem.
internal sealed class SelfHeart(RootLayout layout, string name, TimeSpan loopInterval, TimeProvider time, ILogger logger)
{
    private readonly string path = layout.Heart(name);
    private long? lastBeat;
    private string? lastError;

    public TimeSpan Timeout { get; } = TimeSpan.FromTicks(Math.Max(3 * loopInterval.Ticks, TimeSpan.FromSeconds(10).Ticks));

    // Touches the heart at most ten times per timeout; writes it whole the first time and whenever it is gone.
    public void Beat()
    {
        if (lastBeat is { } last && time.GetElapsedTime(last) < Timeout / 10)
        {
            return;
        }

        try
        {
            if (lastBeat is null || NativeMethods.Touch(path) != FileResult.Ok)
            {
                AtomicFile.Replace(path, HeartTimeout.Encode(Timeout), time.GetUtcNow());
            }

            lastBeat = time.GetTimestamp();
            lastError = null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (lastError != e.Message)
            {
                lastError = e.Message;
                logger.LogError("Cannot beat the own heart {Heart}: {Error}", path, e.Message);
            }
        }
    }

    public void Remove()
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Cannot remove the own heart {Heart}: {Error}", path, e.Message);
        }
    }
}
