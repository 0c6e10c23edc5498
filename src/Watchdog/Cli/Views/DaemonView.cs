using Watchdog.Common.Protocol;

namespace Watchdog.Cli.Views;

// One of the two daemons as its own heart shows it (DESIGN.md §5): running while hearts/<name> is fresh. An
// orderly stop removes the heart; a crash leaves it to go stale.
internal sealed record DaemonView(string Name, HeartView? Heart)
{
    public bool Running => Heart is { Stale: false };

    // Why it is taken for not running: `no heart` or `heart stale since <time>`.
    public string Why => Heart is { } heart
        ? $"heart stale since {ProblemLine.Timestamp(heart.LastBeat + heart.Timeout)}"
        : "no heart";

    public static DaemonView Of(string name, IReadOnlyList<HeartView> hearts) => new(name, hearts.FirstOrDefault(h => h.Name == name));
}
