using Watchdog.Common.Config;
using Watchdog.Common.Protocol;

namespace Watchdog.Cli;

// The root a verb works on, with what the config says about it (Config is null when --root was given).
internal sealed record OperatorRoot(RootLayout Layout, TimeSpan DefaultTimeout, WatchdogConfig? Config)
{
    public static readonly TimeSpan FallbackTimeout = TimeSpan.FromSeconds(30);

    public string Root => Layout.Root;

    // Names a configured program or one of its hearts; false when there is no config.
    public bool IsConfiguredName(string name) => Config?.Restarter.Programs.Any(p => p.OwnedNames.Contains(name, StringComparer.Ordinal)) ?? false;

    public bool IsConfiguredProgram(string name) => Config?.Restarter.Programs.Any(p => p.Name == name) ?? false;
}
