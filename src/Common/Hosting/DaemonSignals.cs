using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Watchdog.Common.Processes;

namespace Watchdog.Common.Hosting;

// Signals an operator or a stray script may send that must never end a daemon (its default action would, and
// the supervised programs would be left without a supervisor). SIGTERM and SIGINT stay the host's orderly stop;
// SIGHUP asks the daemon's loop to reload its config (DESIGN.md §5), and does nothing else here.
// SIGPIPE needs nothing here: the .NET runtime ignores it, so a closed pipe is a failed write (EPIPE), not a death.
internal sealed class DaemonSignals : IDisposable
{
    private readonly PosixSignalRegistration[] registrations;

    public DaemonSignals(ILogger logger, ReloadRequests reloads)
    {
        registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true;
                logger.LogInformation("SIGHUP received: reloading the config");
                reloads.Request();
            }),
            Ignore((PosixSignal)SignalNames.SIGUSR1, logger),
            Ignore((PosixSignal)SignalNames.SIGUSR2, logger),
        ];
    }

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }
    }

    private static PosixSignalRegistration Ignore(PosixSignal signal, ILogger logger) =>
        PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true;
            logger.LogWarning("{Signal} received: it means nothing to this daemon; ignored", SignalNames.Of((int)context.Signal));
        });
}
