using Microsoft.Extensions.Logging;
using Watchdog.Common.Config;
using Watchdog.Common.Protocol;

namespace Watchdog.Restarter.Supervision;

// One program's open problems: those named after it or one of its hearts.
internal sealed class ProgramProblems(ProgramOptions program, SupervisionContext context, ProblemEntries entries, DiskFaults faults, ILogger logger)
{
    // A reload's options (same name; ProgramExecutor hands them over between passes).
    public void Reconfigure(ProgramOptions options) => program = options;

    public IReadOnlyList<ProblemRecord> Read()
    {
        List<ProblemRecord>? problems = null;
        foreach (var name in program.OwnedNames)
        {
            if (entries.TryRead(name) is { } problem)
            {
                (problems ??= []).Add(problem);
            }
        }

        return problems ?? (IReadOnlyList<ProblemRecord>)[];
    }

    // The restarter's own report of an exit (step 1): problems/<program>, or a line appended to the open one.
    public IReadOnlyList<ProblemRecord> Record(string what)
    {
        var now = context.Time.GetUtcNow();
        if (!ProblemFile.TryCreate(context.Layout, program.Name, now, HistoryStore.Detector, what))
        {
            ProblemFile.TryAppend(context.Layout.Problem(program.Name), now, HistoryStore.Detector, what);
        }

        logger.LogWarning("{Program} {What}", program.Name, what);
        return Read();
    }

    // Step (7). A problem that cannot be moved stays open; the next pass solves it (its first-noticed time says
    // whether the current launch already answered it).
    public void Solve(IReadOnlyList<ProblemRecord> problems, string resolution)
    {
        foreach (var problem in problems)
        {
            try
            {
                if (context.History.Solve(context.Layout.Problem(problem.Name), resolution))
                {
                    logger.LogInformation("Solved problem {Problem}: {Resolution}", problem.Name, resolution);
                }
            }
            catch (Exception e) when (DiskFaults.IsExpected(e))
            {
                faults.Report(e);
            }
        }
    }
}
