using Microsoft.Extensions.Logging;
using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;
using Watchdog.Detector;

namespace Watchdog.Daemon;

// The watchdog's own heart (DESIGN.md §5), for watchdog(8) or a second host to watch. Its timeout is
// max(3 × max_interval, 10s): the loop passes at least once per max_interval, so only a wedged or dead
// watchdog lets it go stale. Removed on an orderly stop, so a deliberate stop is not a problem.
internal sealed class SelfHeart(RootLayout layout, TimeSpan maxInterval, ILogger logger)
{
    private readonly string path = layout.Heart(HeartDetector.OwnHeart);
    private TimeSpan? lastBeat;
    private string? lastError;

    public TimeSpan Timeout { get; } = TimeSpan.FromTicks(Math.Max(3 * maxInterval.Ticks, TimeSpan.FromSeconds(10).Ticks));

    // Touches the heart at most ten times per timeout; writes it whole the first time and whenever it is gone.
    public void Beat(Instant now)
    {
        if (lastBeat is { } last && now.Monotonic - last < Timeout / 10)
        {
            return;
        }

        try
        {
            if (lastBeat is null || NativeMethods.Touch(path) != FileResult.Ok)
            {
                AtomicFile.Replace(path, HeartTimeout.Encode(Timeout));
            }

            lastBeat = now.Monotonic;
            lastError = null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (lastError != e.Message)
            {
                lastError = e.Message;
                logger.LogError("Cannot beat the watchdog's own heart {Heart}: {Error}", path, e.Message);
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
            logger.LogWarning("Cannot remove the watchdog's own heart {Heart}: {Error}", path, e.Message);
        }
    }
}
