using System.Globalization;

namespace Watchdog.Cli;

// Whether a recorded pid is still the process the restarter launched: /proc/PID/stat field 22 (starttime,
// proc(5)) must equal the recorded start time, so a recycled pid is never taken for the program.
internal static class ProcessIdentity
{
    public static bool IsAlive(int pid, ulong startTime, string proc = "/proc") =>
        pid > 0 && Read(pid, proc) is { } stat && stat.StartTime == startTime && stat.State is not ('Z' or 'X');

    // The state letter and start time of pid, or null when there is no such process (or it cannot be read).
    public static (char State, ulong StartTime)? Read(int pid, string proc = "/proc")
    {
        string text;
        try
        {
            text = File.ReadAllText(Path.Combine(proc, pid.ToString(CultureInfo.InvariantCulture), "stat"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) may hold spaces and parentheses; everything after the last ')' is plain.
        var close = text.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        var fields = text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        const int StateField = 3, StartTimeField = 22, FirstAfterName = 3;
        if (fields.Length <= StartTimeField - FirstAfterName
            || !ulong.TryParse(fields[StartTimeField - FirstAfterName], NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return null;
        }

        return (fields[StateField - FirstAfterName][0], start);
    }
}
