using Serilog.Core;
using Watchdog.Common.Cli;
using Watchdog.Common.Config;
using Watchdog.Common.Protocol;

namespace Watchdog.Common.Hosting;

// What both daemons do before their host exists, in one order: load and check the config (78 on any error), create
// the logger, take the root's lock (75 when another daemon of this kind holds it). Dispose releases the lock, then
// flushes the logger.
internal sealed class DaemonStart : IDisposable
{
    private readonly DaemonGuard guard;

    private DaemonStart(WatchdogConfig config, Logger logger, RootLayout layout, DaemonGuard guard)
    {
        Config = config;
        Logger = logger;
        Layout = layout;
        this.guard = guard;
    }

    public WatchdogConfig Config { get; }

    public Logger Logger { get; }

    public RootLayout Layout { get; }

    public ReloadRequests Reloads => guard.Reloads;

    // Null when the daemon must not run: error says why and exitCode is what the daemon exits with.
    public static DaemonStart? TryBegin(string daemon, string configPath, ConfigChecks checks, TextWriter error, out int exitCode)
    {
        if (!ConfigArgument.TryLoad(configPath, checks, error, out var config))
        {
            exitCode = ExitCodes.Config;
            return null;
        }

        var logger = Logging.CreateLogger(config.Log, daemon);
        var layout = new RootLayout(config.Root);
        if (DaemonGuard.TryTake(daemon, layout, logger, error) is not { } guard)
        {
            logger.Dispose();
            exitCode = ExitCodes.Locked;
            return null;
        }

        exitCode = ExitCodes.Ok;
        return new DaemonStart(config, logger, layout, guard);
    }

    public void Dispose()
    {
        guard.Dispose();
        Logger.Dispose();
    }
}
