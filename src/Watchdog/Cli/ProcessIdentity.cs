using Watchdog.Common.Processes;

namespace Watchdog.Cli;

// Whether a recorded pid is still the process the restarter launched: /proc/PID/stat field 22 (starttime,
// proc(5)) must equal the recorded start time, so a recycled pid is never taken for the program.
internal static class ProcessIdentity
{
    public static bool IsAlive(int pid, ulong startTime) =>
        pid > 0 && ProcFs.TryReadStat(pid, out var stat) && stat.StartTime == startTime && !stat.HasExited;
}
