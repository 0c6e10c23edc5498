namespace Watchdog.Common.Processes;

// StartTime: field 22 of /proc/PID/stat (clock ticks since boot); with Pid it names one process for good.
internal readonly record struct ProcessIdentity(int Pid, ulong StartTime);
