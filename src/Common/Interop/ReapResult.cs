namespace Watchdog.Common.Interop;

// One waitpid(-1, WNOHANG): Reaped with the pid and its raw wait status, NoneReady, or NoChildren (ECHILD).
internal readonly record struct ReapResult(ReapOutcome Outcome, int Pid, int Status);

internal enum ReapOutcome
{
    Reaped,
    NoneReady,
    NoChildren,
}
