using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Watchdog.Common.Hosting;
using Watchdog.Detector;
using Watchdog.Metrics;

namespace Watchdog.Daemon;

// The thin loop around HeartDetector.ScanOnce: scan, beat its own heart, write metrics, tell systemd, then sleep
// until the next heart can go stale (at most max_interval, and never past the next WATCHDOG=1 that is due).
internal sealed class DetectorWorker(
    HeartDetector detector,
    SelfHeart self,
    MetricsFile? metrics,
    SdNotifier? notifier,
    TimeSpan maxInterval,
    TimeProvider time,
    ILogger<DetectorWorker> logger) : BackgroundService
{
    // Staleness is strictly "older than": waking exactly on the deadline would find the heart still fresh.
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(1);

    private static readonly TimeSpan HookStopBound = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var start = time.GetTimestamp();
        var ready = false;
        string? status = null;
        var nextPing = TimeSpan.Zero;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = new Instant(time.GetUtcNow(), time.GetElapsedTime(start));
                var summary = Pass(now);
                var line = StatusLine.Format(summary);
                if (!ready)
                {
                    ready = true;
                    notifier?.Notify("READY=1\nSTATUS=" + line);
                    status = line;
                    logger.LogInformation("Watching {Hearts}: {Status}", detector.HeartsDirectory, line);
                }
                else if (line != status)
                {
                    status = line;
                    notifier?.Notify("STATUS=" + line);
                }

                var delay = summary.NextDeadline + Margin;
                if (notifier?.WatchdogInterval is { } interval)
                {
                    if (now.Monotonic >= nextPing)
                    {
                        notifier.Notify("WATCHDOG=1");
                        nextPing = now.Monotonic + interval;
                    }

                    delay = Min(delay, nextPing - now.Monotonic);
                }

                await Task.Delay(Clamp(delay, Margin, maxInterval), time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // SIGTERM or Ctrl-C: an orderly stop.
        }
        finally
        {
            notifier?.Notify("STOPPING=1");
            logger.LogInformation("Stopping");
            await StopHooksAsync().ConfigureAwait(false);
            self.Remove();
        }
    }

    private ScanSummary Pass(Instant now)
    {
        var summary = detector.ScanOnce(now);
        self.Beat(now);
        metrics?.Write(now, detector);
        return summary;
    }

    private async Task StopHooksAsync()
    {
        try
        {
            await detector.StopHooksAsync(HookStopBound).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Hooks still running after {Bound}; leaving them", HookStopBound);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;
}
