namespace Watchdog.Common.Config;

// The whole configuration file (DESIGN.md §6); each daemon reads its own section.
internal sealed record WatchdogConfig(string SourcePath, string Root, LogOptions Log, DetectorOptions Watchdog, RestarterOptions Restarter)
{
    public const string DefaultPath = "/etc/watchdog/watchdog.yaml";

    public const string DefaultRoot = "/var/lib/watchdog";
}
