namespace Watchdog.Restarter.Processes;

// StartTime: field 22 of /proc/PID/stat (clock ticks since boot); with Pid it names one process for good.
internal sealed record LaunchedProcess(int Pid, ulong StartTime);
