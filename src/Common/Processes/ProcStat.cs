namespace Watchdog.Common.Processes;

// The fields of /proc/PID/stat the supervisor needs. StartTime: field 22, clock ticks after boot.
internal readonly record struct ProcStat(int Pid, char State, int ParentPid, int ProcessGroup, int Session, ulong StartTime)
{
    // A zombie (Z) or dead (X) process has exited; it only waits to be reaped.
    public bool HasExited => State is 'Z' or 'X';
}
