namespace Watchdog.Common.Protocol;

// The two daemons' own hearts (DESIGN.md §5): never a program's, never judged as unowned.
internal static class DaemonHearts
{
    public const string Watchdog = "watchdog";

    public const string Restarter = "restarter";
}
