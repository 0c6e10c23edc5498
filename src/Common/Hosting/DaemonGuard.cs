using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Extensions.Logging;
using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;

namespace Watchdog.Common.Hosting;

// What both daemons hold for their whole life, taken before anything under the root is touched (the restarter's
// start-up sweep and adoption included): the root's lock for this kind of daemon, and the signals that must not
// end it. Released by Dispose, or by the kernel on any death. Once the lock is held, the dot-temps this kind of
// writer left when it was killed are removed (DESIGN.md §2), and the umask is the daemon's own (issue 14: a
// daemon started from a shell with umask 000 must not create world-writable files).
internal sealed class DaemonGuard : IDisposable
{
    private readonly DaemonLock rootLock;
    private readonly SerilogLoggerProvider loggers;
    private readonly DaemonSignals signals;

    private DaemonGuard(DaemonLock rootLock, Logger logger)
    {
        this.rootLock = rootLock;
        loggers = new SerilogLoggerProvider(logger);
        signals = new DaemonSignals(loggers.CreateLogger(typeof(DaemonSignals).FullName!), Reloads);
    }

    // SIGHUP's requests, for the daemon's loop.
    public ReloadRequests Reloads { get; } = new();

    private void RemoveStaleTemps(RootLayout layout)
    {
        var logger = loggers.CreateLogger(typeof(StaleTemps).FullName!);
        foreach (var directory in (string[])[layout.Hearts, layout.Problems, layout.History, layout.State, layout.Down])
        {
            if (StaleTemps.Remove(directory, AtomicFile.WriterKind) is var removed and > 0)
            {
                logger.LogInformation("Removed {Count} temp files a killed {Writer} left in {Directory}", removed, AtomicFile.WriterKind, directory);
            }
        }
    }

    // Null when another daemon of this kind runs on the root (or the lock cannot be taken): error says which, and
    // the daemon exits ExitCodes.Locked.
    public static DaemonGuard? TryTake(string daemon, RootLayout layout, Logger logger, TextWriter error)
    {
        NativeMethods.SetUmask(RootLayout.Umask);
        if (DaemonLock.TryTake(layout, daemon, error) is not { } rootLock)
        {
            return null;
        }

        var guard = new DaemonGuard(rootLock, logger);
        guard.RemoveStaleTemps(layout);
        return guard;
    }

    // One rule for both daemons: a loop that failed (a bug) exits EX_SOFTWARE, and systemd restarts the daemon.
    public static int ExitCode(bool loopFailed) => loopFailed ? ExitCodes.Software : ExitCodes.Ok;

    public void Dispose()
    {
        signals.Dispose();
        loggers.Dispose();
        rootLock.Dispose();
    }
}
