using System.Text;
using Microsoft.Extensions.Logging;
using Watchdog.Common.Protocol;
using Watchdog.Common.State;
using Watchdog.Detector;

namespace Watchdog.Metrics;

// `watchdog.metrics_file`: the exposition rewritten (dot-temp + rename, so the textfile collector never reads
// half a file) from each pass's results, at most once per second so a busy loop does not rewrite it needlessly.
internal sealed class MetricsFile(string path, RootLayout layout, ILogger logger)
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    private readonly StateStore states = new(layout);
    private readonly MetricsSnapshot snapshot = new();
    private readonly StringBuilder text = new();
    private TimeSpan? lastWrite;
    private string? lastError;

    public void Write(Instant now, HeartDetector detector)
    {
        if (lastWrite is { } last && now.Monotonic - last < MinInterval)
        {
            return;
        }

        lastWrite = now.Monotonic;
        snapshot.Clear();
        snapshot.Now = now.Wall;
        foreach (var heart in detector.Hearts)
        {
            if (heart.Generation == detector.HeartGeneration && heart.IsUsable)
            {
                snapshot.Hearts.Add(new HeartSample(heart.Name, heart.Clock.WallAge(now), heart.Timeout, heart.Stale));
            }
        }

        foreach (var problem in detector.Problems)
        {
            if (problem.Generation == detector.ProblemGeneration && problem.IsUsable)
            {
                snapshot.Problems.Add(new ProblemSample(problem.Name, problem.Clock.WallAge(now)));
            }
        }

        snapshot.Hearts.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        snapshot.Problems.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        ProgramStates.ReadInto(states, snapshot.Programs, null);
        snapshot.Counters = new DaemonCounters(detector.ProblemsOpened, detector.EscalationsStarted);
        text.Clear();
        MetricsRenderer.Render(text, snapshot);
        try
        {
            AtomicFile.Replace(path, Encoding.UTF8.GetBytes(text.ToString()));
            lastError = null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (lastError != e.Message)
            {
                lastError = e.Message;
                logger.LogError("Cannot write the metrics file {Path}: {Error}", path, e.Message);
            }
        }
    }
}
