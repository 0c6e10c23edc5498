namespace Watchdog.Common.Protocol;

// What a supervised program gets in its environment (DESIGN.md §3). The Heartbeat library compiles this file too.
internal static class LaunchVariables
{
    // The default of restarter.tag_variable.
    public const string DefaultTag = "WATCHDOG_TAG";

    public const string Hearts = "WATCHDOG_HEARTS";

    public const string Heart = "WATCHDOG_HEART";

    public const string HeartTimeout = "WATCHDOG_HEART_TIMEOUT";
}
