using Watchdog.Cli.Views;

namespace Watchdog.Cli.Json;

// A daemon in `status --json`: running by its heart; Why says why not (`no heart`, `heart stale since …`).
internal sealed record DaemonJson(string Name, bool Running, string? Why)
{
    public static DaemonJson From(DaemonView daemon) => new(daemon.Name, daemon.Running, daemon.Running ? null : daemon.Why);
}
