using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Watchdog.Common.Config;
using Watchdog.Common.Hosting;
using Watchdog.Detector;
using Watchdog.Metrics;

namespace Watchdog.Daemon;

// The thin loop around HeartDetector.ScanOnce: scan, beat its own heart, write metrics, tell systemd what
// NotifyPace says, then sleep as long as it allows, or until SIGHUP's reload has something to apply (ConfigReload:
// the `watchdog:` section is replaced between two passes). metricsFor: the metrics file of a metrics_file path.
internal sealed class DetectorWorker(
    HeartDetector detector,
    SelfHeart self,
    WatchdogConfig config,
    ConfigReload reload,
    Func<string?, MetricsFile?> metricsFor,
    SdNotifier? notifier,
    TimeProvider time,
    ILogger<DetectorWorker> logger) : BackgroundService
{
    private static readonly TimeSpan HookStopBound = TimeSpan.FromSeconds(10);

    private readonly NotifyPace pace = new(notifier?.WatchdogInterval, config.Watchdog.MaxInterval);
    private WatchdogConfig running = config;
    private MetricsFile? metrics = metricsFor(config.Watchdog.MetricsFile);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var start = time.GetTimestamp();
        reload.Accept();
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

                await Task.WhenAny(Task.Delay(sleep, time, stoppingToken), reload.Pending(stoppingToken)).ConfigureAwait(false);
                if (reload.Step() is { } next)
                {
                    Apply(next);
                }

                pace.Note = reload.Rejected;
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

    private void Apply(WatchdogConfig next)
    {
        reload.KeepRestartOnly(ConfigReload.SharedKeys(running, next));
        detector.Reconfigure(next.Watchdog);
        pace.MaxInterval = next.Watchdog.MaxInterval;
        if (next.Watchdog.MetricsFile != running.Watchdog.MetricsFile)
        {
            metrics = metricsFor(next.Watchdog.MetricsFile);
        }

        running = running with { Watchdog = next.Watchdog };
        logger.LogInformation("Config reloaded: the watchdog section is in force from this pass on");
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
