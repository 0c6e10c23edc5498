using Watchdog.Common.Processes;

namespace Watchdog.Restarter.Processes;

// How a reaped process ended: ExitCode when it exited, Signal when a signal killed it.
internal sealed record ChildExit(int Pid, int? ExitCode, int? Signal)
{
    public static ChildExit FromWaitStatus(int pid, int status) =>
        (status & 0x7f) == 0 ? new ChildExit(pid, (status >> 8) & 0xff, null) : new ChildExit(pid, null, status & 0x7f);

    public string Describe() =>
        Signal is { } signal ? $"killed by signal {signal} ({SignalNames.Of(signal)})" : $"exited with code {ExitCode}";
}
