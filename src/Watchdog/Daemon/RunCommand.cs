using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Watchdog.Common.Cli;
using Watchdog.Common.Config;
using Watchdog.Common.Hosting;
using Watchdog.Common.Protocol;
using Watchdog.Detector;
using Watchdog.Metrics;

namespace Watchdog.Daemon;

// `run`: the detector daemon. The config is checked as `validate` does, except that the restarter's program
// commands are not required to exist here (ConfigChecks.DetectorCommands): escalate and on_problem are.
internal static class RunCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var command = new Command("run", "Run the detector daemon: watch hearts/, write problems/, escalate (exit 0 on stop, 78 on a bad config, 75 when another watchdog daemon runs on the root)") { config };
        command.SetAction(parse => Run(ConfigLoader.ResolvePath(parse.GetValue(config)), parse.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(string configPath, TextWriter error)
    {
        using var start = DaemonStart.TryBegin(DaemonHearts.Watchdog, configPath, ConfigChecks.DetectorCommands, error, out var exitCode);
        if (start is null)
        {
            return exitCode;
        }

        var (config, serilog, layout) = (start.Config, start.Logger, start.Layout);
        var time = TimeProvider.System;
        var builder = Logging.CreateHostBuilder(serilog);
        builder.Services.AddSingleton(sp => new HeartDetector(
            layout,
            config.Watchdog,
            new ProcessCommandRunner(time, sp.GetRequiredService<ILoggerFactory>().CreateLogger<ProcessCommandRunner>()),
            time,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<HeartDetector>()));
        builder.Services.AddSingleton(sp => new DetectorWorker(
            sp.GetRequiredService<HeartDetector>(),
            new SelfHeart(layout, DaemonHearts.Watchdog, config.Watchdog.MaxInterval, time, sp.GetRequiredService<ILoggerFactory>().CreateLogger<SelfHeart>()),
            config,
            new ConfigReload(DaemonHearts.Watchdog, configPath, ConfigChecks.DetectorCommands, layout, start.Reloads, sp.GetRequiredService<ILoggerFactory>().CreateLogger<ConfigReload>()),
            path => path is null ? null : new MetricsFile(path, layout, sp.GetRequiredService<ILoggerFactory>().CreateLogger<MetricsFile>()),
            SdNotifier.FromEnvironment(sp.GetRequiredService<ILoggerFactory>().CreateLogger<SdNotifier>()),
            time,
            sp.GetRequiredService<ILogger<DetectorWorker>>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DetectorWorker>());
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILogger<DetectorWorker>>();
        CreateDirectories(layout, logger);
        logger.LogInformation("watchdog {Version} starting: config {Config}, root {Root}, {Mode}", typeof(RunCommand).Assembly.GetName().Version, config.SourcePath, layout.Root,
            config.Watchdog.Escalate.Count == 0 ? "mark-only (no escalate)" : "escalating with " + string.Join(' ', config.Watchdog.Escalate));
        var worker = host.Services.GetRequiredService<DetectorWorker>();
        host.Run();
        return DaemonGuard.ExitCode(worker.ExecuteTask is { IsFaulted: true });
    }

    // The loop recreates them too, so a failure here is logged, not fatal: the disk may come back.
    private static void CreateDirectories(RootLayout layout, ILogger logger)
    {
        foreach (var directory in (string[])[layout.Hearts, layout.Problems])
        {
            try
            {
                Directory.CreateDirectory(directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogError("Cannot create {Directory}: {Error}", directory, e.Message);
            }
        }
    }
}
