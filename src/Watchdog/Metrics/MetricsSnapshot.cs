using Watchdog.Common.State;

namespace Watchdog.Metrics;

internal readonly record struct HeartView(string Name, TimeSpan Age, TimeSpan Timeout, bool Stale);

internal readonly record struct ProblemView(string Name, TimeSpan Age);

// Counters only the running daemon knows; the `metrics` verb has none.
internal readonly record struct DaemonCounters(long ProblemsOpened, long EscalationsStarted);

// Everything one exposition is rendered from. The lists are reused from pass to pass by the daemon.
internal sealed class MetricsSnapshot
{
    public DateTimeOffset Now { get; set; }

    public List<HeartView> Hearts { get; } = [];

    public List<ProblemView> Problems { get; } = [];

    public List<ProgramState> Programs { get; } = [];

    public DaemonCounters? Counters { get; set; }

    public void Clear()
    {
        Hearts.Clear();
        Problems.Clear();
        Programs.Clear();
        Counters = null;
    }
}
