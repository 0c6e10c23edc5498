using Watchdog.Common.Config;
using Watchdog.Common.Protocol;

namespace Watchdog.Cli;

// The root a verb works on, with what the config says about it (Config is null when --root was given).
internal sealed record OperatorRoot(RootLayout Layout, TimeSpan DefaultTimeout, WatchdogConfig? Config)
{
    public static readonly TimeSpan FallbackTimeout = TimeSpan.FromSeconds(30);

    public string Root => Layout.Root;

    // Names a configured program or one of their hearts; empty when there is no config.
    public IEnumerable<string> ConfiguredNames() =>
        Config?.Restarter.Programs.SelectMany(p => p.Hearts.Select(h => h.Name).Prepend(p.Name)) ?? [];

    public bool IsConfiguredProgram(string name) => Config?.Restarter.Programs.Any(p => p.Name == name) ?? false;
}
