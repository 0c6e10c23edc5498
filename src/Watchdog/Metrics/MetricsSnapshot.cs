using Watchdog.Common.State;

namespace Watchdog.Metrics;

// Everything one exposition is rendered from. The lists are reused from pass to pass by the daemon.
internal sealed class MetricsSnapshot
{
    public DateTimeOffset Now { get; set; }

    public List<HeartSample> Hearts { get; } = [];

    public List<ProblemSample> Problems { get; } = [];

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
