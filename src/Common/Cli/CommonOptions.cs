using System.CommandLine;

namespace Watchdog.Common.Cli;

// Options every verb of both executables understands.
internal static class CommonOptions
{
    public static Option<string?> Config() => new("--config", "-c")
    {
        Description = "The config file (default: $WATCHDOG_CONFIG, else /etc/watchdog/watchdog.yaml)",
        HelpName = "FILE",
    };
}
