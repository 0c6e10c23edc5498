using System.Globalization;

namespace Watchdog.Common.Processes;

// How a hook (the watchdog's escalate and on_problem, the restarter's on_give_up) ended. ExitCode is set when it
// Exited, Signal when it was Signalled, Error when it was NotStarted. For TimedOut, Elapsed is the timeout.
internal sealed record HookOutcome(HookEnd End, TimeSpan Elapsed, int? ExitCode = null, int? Signal = null, string? Error = null)
{
    public bool Succeeded => End == HookEnd.Exited && ExitCode == 0;

    public static HookOutcome Ended(int? exitCode, int? signal, TimeSpan elapsed) =>
        signal is { } number ? new(HookEnd.Signalled, elapsed, Signal: number) : new(HookEnd.Exited, elapsed, ExitCode: exitCode);

    public static HookOutcome NotStarted(string error, TimeSpan elapsed) => new(HookEnd.NotStarted, elapsed, Error: error);

    public string Describe() => End switch
    {
        HookEnd.Exited => $"exited with code {ExitCode} after {Seconds(Elapsed)}",
        HookEnd.Signalled => $"killed by signal {Signal} ({SignalNames.Of(Signal ?? 0)}) after {Seconds(Elapsed)}",
        HookEnd.TimedOut => $"killed after the {Seconds(Elapsed)} timeout",
        HookEnd.Cancelled => $"killed after {Seconds(Elapsed)} because the daemon is stopping",
        _ => $"could not start: {Error}",
    };

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
}
