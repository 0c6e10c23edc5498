using System.Globalization;

namespace Watchdog.Common.Processes;

// What killing one tree did. Signalled: pids sent the stop signal (and SIGCONT); Killed: pids that needed
// SIGKILL; Denied: pids that could not be signalled (EPERM); Survivors: pids still there when the host gave up.
internal sealed record KillReport(
    string SignalName,
    TimeSpan Grace,
    IReadOnlyList<int> Signalled,
    IReadOnlyList<int> Killed,
    IReadOnlyList<int> Denied,
    IReadOnlyList<int> Survivors,
    TimeSpan Elapsed)
{
    // What a kill that found no process says (a caller tells it from a kill that did something).
    public const string NothingRunning = "nothing was running";

    public bool Complete => Survivors.Count == 0 && Denied.Count == 0;

    // One line for the history file.
    public string Describe()
    {
        if (Signalled.Count == 0 && Killed.Count == 0 && Denied.Count == 0 && Survivors.Count == 0)
        {
            return NothingRunning;
        }

        var parts = new List<string>();
        if (Signalled.Count > 0)
        {
            parts.Add($"sent {SignalName}+SIGCONT to {Count(Signalled)} ({Pids(Signalled)})");
        }

        if (Killed.Count > 0)
        {
            parts.Add($"SIGKILL after the {Seconds(Grace)} grace to {Pids(Killed)}");
        }

        if (Denied.Count > 0)
        {
            parts.Add($"could not signal {Pids(Denied)} (EPERM: not permitted)");
        }

        parts.Add(Survivors.Count > 0 ? $"still running after {Seconds(Elapsed)}: {Pids(Survivors)}" : $"all gone after {Seconds(Elapsed)}");
        return string.Join("; ", parts);
    }

    private static string Count(IReadOnlyList<int> pids) => pids.Count == 1 ? "1 process" : $"{pids.Count} processes";

    private static string Pids(IReadOnlyList<int> pids) => string.Join(", ", pids.Order());

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
}
