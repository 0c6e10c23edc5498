using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Watchdog.Common.Config;
using Watchdog.Common.Hosting;
using Watchdog.Common.Protocol;
using Watchdog.Restarter.Supervision;

namespace Watchdog.Restarter.Daemon;

// The daemon's loop: start-up reconciliation, then every program's own loop, the exit pump, the inotify hints,
// and a rescan about every second that also beats the `restarter` heart and tells systemd WATCHDOG=1 — from this
// loop, so that a wedged restarter is restarted by systemd. SIGHUP reloads the config from this loop too
// (ConfigReload, Supervisor.Reload). On stop: every tree killed, the heart removed.
internal sealed class RestarterWorker(
    Supervisor supervisor,
    WatchdogConfig config,
    ConfigReload reload,
    RootLayout layout,
    SelfHeart self,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<RestarterWorker> logger) : BackgroundService
{
    public static readonly TimeSpan RescanInterval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    private readonly SdNotifier? notifier = SdNotifier.FromEnvironment(logger);

    // The config in force: a reload replaces the programs; the keys that need a restart keep their first value.
    private WatchdogConfig running = config;

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
        reload.Accept();
        self.Beat();
        using var programsStop = new CancellationTokenSource();
        var programs = supervisor.RunProgramsAsync(programsStop.Token);
        var pump = supervisor.PumpExitsAsync(programsStop.Token);
        using (new DirectoryWatcher([layout.Problems, layout.Down], supervisor.OnFileEvent, logger))
        {
            logger.LogInformation("Restarter running: {Count} program(s) under {Root}", supervisor.Programs.Count, layout.Root);
            notifier?.Notify("READY=1\nSTATUS=" + Status());
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
        var tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
        try
        {
            while (true)
            {
                await Task.WhenAny(tick, reload.Pending(stoppingToken)).ConfigureAwait(false);
                if (reload.Step() is { } next)
                {
                    Apply(next);
                }

                if (!tick.IsCompleted)
                {
                    notifier?.Notify("STATUS=" + Status());
                    continue;
                }

                if (!await tick.ConfigureAwait(false))
                {
                    break;
                }

                tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
                supervisor.Rescan();
                self.Beat();
                notifier?.Notify("WATCHDOG=1\nSTATUS=" + Status());
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

    private string Status() => reload.Rejected is { } rejected ? rejected + "; " + supervisor.Summary() : supervisor.Summary();

    // A good config: the programs' difference applied (removals in the background, awaited by the orderly stop).
    private void Apply(WatchdogConfig next)
    {
        var (now, then) = (running.Restarter, next.Restarter);
        reload.KeepRestartOnly(ConfigReload.SharedKeys(running, next).Concat(
        [
            ("restarter.tag_variable", now.TagVariable != then.TagVariable),
            ("restarter.history", now.History != then.History),
            ("restarter.on_give_up", !now.OnGiveUp.SequenceEqual(then.OnGiveUp, StringComparer.Ordinal)),
            ("restarter.on_give_up_timeout", now.OnGiveUpTimeout != then.OnGiveUpTimeout),
        ]));
        running = running with { Restarter = now with { Programs = then.Programs } };
        _ = supervisor.Reload(then.Programs);
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
