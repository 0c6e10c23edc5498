namespace Watchdog.Restarter.Processes;

internal sealed record LaunchedProcess(int Pid, ulong StartTime);
