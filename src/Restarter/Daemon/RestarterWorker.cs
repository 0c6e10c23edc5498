using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Watchdog.Common.Hosting;
using Watchdog.Common.Protocol;
using Watchdog.Restarter.Supervision;

namespace Watchdog.Restarter.Daemon;

// The daemon's loop: start-up reconciliation, then every program's own loop, the exit pump, the inotify hints,
// and a rescan about every second that also beats the `restarter` heart and tells systemd WATCHDOG=1 — from this
// loop, so that a wedged restarter is restarted by systemd. On stop: every tree killed, the heart removed.
internal sealed class RestarterWorker(
    Supervisor supervisor,
    RootLayout layout,
    SelfHeart self,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<RestarterWorker> logger) : BackgroundService
{
    public static readonly TimeSpan RescanInterval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    private readonly SdNotifier? notifier = SdNotifier.FromEnvironment(logger);

    public bool Failed { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // What the disk says cannot be used (a hostile state/instance, a root that cannot be written): the
            // message says what and where; a stack trace would only hide it.
            Failed = true;
            logger.LogCritical("The restarter cannot go on: {Error}", e.Message);
            lifetime.StopApplication();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Failed = true;
            logger.LogCritical(e, "The restarter cannot go on");
            lifetime.StopApplication();
        }
    }

    public override void Dispose()
    {
        notifier?.Dispose();
        base.Dispose();
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        supervisor.Start();
        self.Beat();
        using var programsStop = new CancellationTokenSource();
        var programs = supervisor.RunProgramsAsync(programsStop.Token);
        var pump = supervisor.PumpExitsAsync(programsStop.Token);
        using (new DirectoryWatcher([layout.Problems, layout.Down], supervisor.OnFileEvent, logger))
        {
            logger.LogInformation("Restarter running: {Count} program(s) under {Root}", supervisor.Programs.Count, layout.Root);
            notifier?.Notify("READY=1\nSTATUS=" + supervisor.Summary());
            await LoopAsync(stoppingToken).ConfigureAwait(false);
        }

        notifier?.Notify("STOPPING=1\nSTATUS=stopping every program");
        await programsStop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(programs, pump).ConfigureAwait(false);
        await supervisor.StopAsync(CancellationToken.None).ConfigureAwait(false);
        self.Remove();
        logger.LogInformation("Restarter stopped");
    }

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RescanInterval, time);
        var lastPrune = long.MinValue;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                supervisor.Rescan();
                self.Beat();
                notifier?.Notify("WATCHDOG=1\nSTATUS=" + supervisor.Summary());
                if (lastPrune == long.MinValue || time.GetElapsedTime(lastPrune) >= PruneInterval)
                {
                    lastPrune = time.GetTimestamp();
                    PruneHistory();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // SIGTERM or SIGINT: the orderly stop follows.
        }
    }

    private void PruneHistory()
    {
        try
        {
            supervisor.PruneHistory();
        }
        catch (IOException e)
        {
            logger.LogWarning("Cannot prune the history: {Error}", e.Message);
        }
    }
}
