namespace Watchdog.Restarter.Processes;

// How a reaped process ended: ExitCode when it exited, Signal when a signal killed it.
internal sealed record ChildExit(int Pid, int? ExitCode, int? Signal)
{
    public string Describe() =>
        Signal is { } signal ? $"killed by signal {signal}" : $"exited with code {ExitCode}";
}
