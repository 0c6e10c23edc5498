namespace Watchdog.Common.Protocol;

// Who wrote a report line in a problem file (`<time> <detector>: <what>`, DESIGN.md §2).
internal static class Detectors
{
    public const string Watchdog = "watchdog";

    public const string Restarter = "restarter";

    public const string Operator = "operator";

    // `watchdog reset NAME`: an operator asks the restarter to clear a give-up and the backoff and launch now.
    public const string Reset = "reset";

    // Whether a problem holds a reset request (a line `<time> reset: ...`).
    public static bool HasReset(ProblemRecord problem) =>
        problem.Lines.Any(line => ProblemLine.WithoutTimestamp(line).StartsWith(Reset + ": ", StringComparison.Ordinal));
}
