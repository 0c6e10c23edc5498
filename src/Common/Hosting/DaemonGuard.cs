using Serilog.Core;
using Serilog.Extensions.Logging;
using Watchdog.Common.Protocol;

namespace Watchdog.Common.Hosting;

// What both daemons hold for their whole life, taken before anything under the root is touched (the restarter's
// start-up sweep and adoption included): the root's lock for this kind of daemon, and the signals that must not
// end it. Released by Dispose, or by the kernel on any death.
internal sealed class DaemonGuard : IDisposable
{
    private readonly DaemonLock rootLock;
    private readonly SerilogLoggerProvider loggers;
    private readonly DaemonSignals signals;

    private DaemonGuard(DaemonLock rootLock, Logger logger)
    {
        this.rootLock = rootLock;
        loggers = new SerilogLoggerProvider(logger);
        signals = new DaemonSignals(loggers.CreateLogger(typeof(DaemonSignals).FullName!));
    }

    // Null when another daemon of this kind runs on the root (or the lock cannot be taken): error says which, and
    // the daemon exits ExitCodes.Locked.
    public static DaemonGuard? TryTake(string daemon, RootLayout layout, Logger logger, TextWriter error) =>
        DaemonLock.TryTake(layout, daemon, error) is { } rootLock ? new DaemonGuard(rootLock, logger) : null;

    // One rule for both daemons: a loop that failed (a bug) exits EX_SOFTWARE, and systemd restarts the daemon.
    public static int ExitCode(bool loopFailed) => loopFailed ? ExitCodes.Software : ExitCodes.Ok;

    public void Dispose()
    {
        signals.Dispose();
        loggers.Dispose();
        rootLock.Dispose();
    }
}
