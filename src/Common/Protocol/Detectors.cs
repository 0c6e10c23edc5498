namespace Watchdog.Common.Protocol;

// Who wrote a report line in a problem file (`<time> <detector>: <what>`, DESIGN.md §2).
internal static class Detectors
{
    public const string Watchdog = "watchdog";

    public const string Restarter = "restarter";

    public const string Operator = "operator";
}
