using Watchdog.Common.Protocol;

namespace Watchdog.Detector;

// Open problems: whoever opened them (this watchdog, the restarter, an operator), each is escalated when it stays
// unsolved for escalate_after, at most once per escalate_after.
internal sealed partial class HeartDetector
{
    private readonly EntryTable<ProblemTrack> problems = new(name => new ProblemTrack(name));
    private readonly Action<ProblemTrack> onProblemGone;

    public IEnumerable<ProblemTrack> Problems => problems.Entries;

    public int ProblemGeneration => problems.Generation;

    // Escalation commands started since the watchdog started.
    public long EscalationsStarted { get; private set; }

    private int ScanProblems(Instant now)
    {
        var open = 0;
        Scan(layout.Problems, problems);
        foreach (var problem in problems.Entries)
        {
            if (problem.Generation != problems.Generation || !IsUsable(problem, layout.Problems))
            {
                continue;
            }

            open++;
            if (problem.Announced && problem.Stat.Modified != problem.Clock.Modified)
            {
                problem.Reopened();
            }

            problem.Clock.Observe(problem.Stat.Modified, now);
            if (!problem.Announced)
            {
                problem.Announced = true;
                logger.ProblemSeen(problem.Name, problem.Stat.Modified);
            }
        }

        problems.Sweep(onProblemGone);
        return open;
    }

    private bool IsOpen(string name) =>
        problems.TryGet(name, out var problem) && problem.Generation == problems.Generation && problem.IsUsable;

    private void Escalate(Instant now)
    {
        if (options.Escalate.Count == 0)
        {
            return;
        }

        foreach (var problem in problems.Entries)
        {
            if (problem.Generation != problems.Generation || !problem.IsUsable
                || problem.Escalation is { IsCompleted: false }
                || !problem.Clock.IsOlderThan(options.EscalateAfter, now)
                || (problem.LastEscalation is { } last && now.Monotonic - last < options.EscalateAfter))
            {
                continue;
            }

            problem.LastEscalation = now.Monotonic;
            EscalationsStarted++;
            var request = new CommandRequest(options.Escalate, [], options.EscalateTimeout);
            logger.Escalating(problem.Name, problem.Clock.WallAge(now).TotalSeconds, request.Display);
            problem.Escalation = StartHook(() => EscalateAsync(problem.Name, request));
        }
    }

    private async Task EscalateAsync(string name, CommandRequest request)
    {
        var outcome = await runner.RunAsync(request, stopping.Token).ConfigureAwait(false);
        var text = "escalation " + outcome.Describe(request);
        if (outcome.Succeeded)
        {
            logger.EscalationSucceeded(name, text);
        }
        else
        {
            logger.EscalationFailed(name, text);
        }

        try
        {
            ProblemFile.TryAppend(layout.Problem(name), time.GetUtcNow(), DetectorName, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.OutcomeNotAppended(name, e.Message);
        }
    }
}
