using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Watchdog.Common.Cli;
using Watchdog.Common.Config;
using Watchdog.Common.Hosting;
using Watchdog.Common.Protocol;
using Watchdog.Common.State;
using Watchdog.Restarter.Cgroups;
using Watchdog.Restarter.Processes;
using Watchdog.Restarter.Supervision;

namespace Watchdog.Restarter.Daemon;

// `restarter run`: the daemon in the foreground (systemd Type=notify, or a terminal). Exit 0 on stop, 78 on bad
// config, 75 when another restarter runs on the root, 70 when its loop failed.
internal static class RunCommand
{
    // Room for the longest stop grace plus the SIGKILL sweep when the daemon stops every program.
    private static readonly TimeSpan ShutdownSlack = TimeSpan.FromSeconds(15);

    public static Command Create()
    {
        var config = CommonOptions.Config();
        var command = new Command("run", "Run the restarter daemon in the foreground: launch, tag, kill and relaunch the configured programs") { config };
        command.SetAction(parse => Run(ConfigLoader.ResolvePath(parse.GetValue(config)), parse.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(string path, TextWriter error)
    {
        // Before the host exists: the start-up sweep and adoption must never run beside another restarter's.
        using var start = DaemonStart.TryBegin(DaemonHearts.Restarter, path, ConfigChecks.All, error, out var exitCode);
        if (start is null)
        {
            return exitCode;
        }

        var (config, logger, layout) = (start.Config, start.Logger, start.Layout);
        var builder = Logging.CreateHostBuilder(logger);
        var grace = config.Restarter.Programs.Select(p => p.Stop.Grace).DefaultIfEmpty(TimeSpan.Zero).Max();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = grace + ShutdownSlack);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(layout);
        builder.Services.AddSingleton(s => new SelfHeart(layout, DaemonHearts.Restarter, RestarterWorker.RescanInterval, TimeProvider.System, s.GetRequiredService<ILogger<SelfHeart>>()));
        builder.Services.AddSingleton<IProcessHost>(s => new LinuxProcessHost(s.GetRequiredService<RootLayout>(), s.GetRequiredService<ILogger<LinuxProcessHost>>(), TimeProvider.System));
        builder.Services.AddSingleton(s =>
        {
            var cgroups = CgroupDelegation.Detect();
            cgroups.LogSummary(s.GetRequiredService<ILogger<ProgramCgroups>>());
            return cgroups;
        });
        builder.Services.AddSingleton(s => new SupervisionContext(
            config.Restarter,
            s.GetRequiredService<RootLayout>(),
            new StateStore(s.GetRequiredService<RootLayout>()),
            new HeartWriter(s.GetRequiredService<RootLayout>(), TimeProvider.System),
            new HistoryStore(s.GetRequiredService<RootLayout>(), config.Restarter.History, TimeProvider.System, s.GetRequiredService<ILogger<HistoryStore>>()),
            s.GetRequiredService<IProcessHost>(),
            new ExitBook(TimeProvider.System),
            TimeProvider.System,
            Random.Shared.NextDouble,
            s.GetRequiredService<ILoggerFactory>(),
            s.GetRequiredService<ProgramCgroups>()));
        builder.Services.AddSingleton<Supervisor>();
        builder.Services.AddSingleton(config);
        builder.Services.AddSingleton(s => new ConfigReload(DaemonHearts.Restarter, path, ConfigChecks.All, layout, start.Reloads, s.GetRequiredService<ILogger<ConfigReload>>()));
        builder.Services.AddSingleton<RestarterWorker>();
        builder.Services.AddHostedService(s => s.GetRequiredService<RestarterWorker>());
        using var host = builder.Build();
        var worker = host.Services.GetRequiredService<RestarterWorker>();
        host.Run();
        return DaemonGuard.ExitCode(worker.Failed);
    }
}
