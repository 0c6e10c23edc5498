using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Watchdog.Common.Hosting;
using Watchdog.Detector;
using Watchdog.Metrics;

namespace Watchdog.Daemon;

// The thin loop around HeartDetector.ScanOnce: scan, beat its own heart, write metrics, tell systemd what
// NotifyPace says, then sleep as long as it allows.
internal sealed class DetectorWorker(
    HeartDetector detector,
    SelfHeart self,
    MetricsFile? metrics,
    SdNotifier? notifier,
    TimeSpan maxInterval,
    TimeProvider time,
    ILogger<DetectorWorker> logger) : BackgroundService
{
    private static readonly TimeSpan HookStopBound = TimeSpan.FromSeconds(10);

    private readonly NotifyPace pace = new(notifier?.WatchdogInterval, maxInterval);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var start = time.GetTimestamp();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = new Instant(time.GetUtcNow(), time.GetElapsedTime(start));
                var summary = detector.ScanOnce(now);
                self.Beat();
                metrics?.Write(now, detector);
                if (!pace.IsReady)
                {
                    logger.LogInformation("Watching {Hearts}: {Status}", detector.HeartsDirectory, StatusLine.Format(summary));
                }

                var (notification, sleep) = pace.After(summary, now.Monotonic);
                if (notification is not null)
                {
                    notifier?.Notify(notification);
                }

                await Task.Delay(sleep, time, stoppingToken).ConfigureAwait(false);
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
}
