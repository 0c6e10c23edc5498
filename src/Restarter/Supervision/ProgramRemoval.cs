using Microsoft.Extensions.Logging;
using Watchdog.Common.Config;
using Watchdog.Common.Protocol;
using Watchdog.Common.State;
using Watchdog.Restarter.Processes;

namespace Watchdog.Restarter.Supervision;

// A program gone from the config (DESIGN.md §5 "Reload"): its tree killed, its hearts removed, `removed from the
// config` in history, then its state and output FIFO removed. The state goes last: a restarter killed half-way
// finds it at its next start and finishes the removal (the kill finds nothing left, history may say it twice).
internal sealed class ProgramRemoval(SupervisionContext context, ProblemEntries entries, ILogger logger)
{
    // For a state that predates recorded stop options, and for tagged processes of no launch at all.
    public static readonly StopOptions DefaultStop = new(15, "SIGTERM", TimeSpan.FromSeconds(5));

    // hearts: the program's heart names when it was last configured; owned: whether a configured program owns a
    // name now (a heart moved to another program is that program's, and is left alone). kill returns what was killed.
    public async Task RemoveAsync(string name, IReadOnlyList<string> hearts, Func<string, bool> owned, Func<Task<string>> kill)
    {
        try
        {
            var killed = await kill().ConfigureAwait(false);
            var names = hearts.Prepend(name).Distinct(StringComparer.Ordinal).Where(n => !owned(n)).ToList();
            foreach (var heart in hearts.Where(h => !owned(h)))
            {
                context.Hearts.Remove(heart);
            }

            var resolution = $"{killed}; {ProgramChange.Removed}";
            var now = context.Time.GetUtcNow();
            if (!owned(name) && !ProblemFile.TryCreate(context.Layout, name, now, HistoryStore.Detector, ProgramChange.Removed))
            {
                ProblemFile.TryAppend(context.Layout.Problem(name), now, HistoryStore.Detector, ProgramChange.Removed);
            }

            foreach (var open in names.Where(n => entries.TryRead(n) is not null))
            {
                context.History.Solve(context.Layout.Problem(open), resolution);
            }

            context.States.Delete(name);
            context.Host.ReleaseOutput(name);
            logger.LogInformation("Removed {Program}: {Resolution}", name, resolution);
        }
        catch (Exception e) when (DiskFaults.IsExpected(e))
        {
            logger.LogError("Removing {Program} failed: {Error}; its state stays, and the restarter's next start finishes the removal", name, e.Message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "Removing {Program} failed; its state stays, and the restarter's next start finishes the removal", name);
        }
    }

    // At start-up, when only the state is left of the program: its recorded tag, with its recorded stop options.
    public async Task<string> KillAsync(ProgramState state, LaunchedProcess? main)
    {
        if (state.Tag is not { } tag)
        {
            return "nothing was running";
        }

        var report = await context.Host.KillTreeAsync(context.Options.TagVariable, tag, main, state.Stop ?? DefaultStop, CancellationToken.None).ConfigureAwait(false);
        return report.Describe();
    }
}
