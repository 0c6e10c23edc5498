namespace Watchdog.Restarter.Processes;

internal sealed record TaggedProcess(int Pid, string Tag, ulong StartTime);
