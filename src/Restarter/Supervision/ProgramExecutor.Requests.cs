using System.Globalization;
using Microsoft.Extensions.Logging;
using Watchdog.Common.Processes;
using Watchdog.Common.Protocol;
using Watchdog.Common.State;

namespace Watchdog.Restarter.Supervision;

// The passes the restart policy and the operator's requests add (DESIGN.md §4.6, §7): an end the policy
// accepts, and `watchdog reset`.
internal sealed partial class ProgramExecutor
{
    // Step (1) for an end of the main process: the restarter's own problem file says how it ended.
    private IReadOnlyList<ProblemRecord> RecordEnd(ProgramPlan plan, ProgramFacts facts, string reason)
    {
        if (facts.Exit is null && !facts.MainGone)
        {
            return plan.Solve;
        }

        var failure = $"{State.Tag} {reason}";
        var solve = reported == failure ? problems.Read() : problems.Record(reason);
        reported = failure;
        return solve;
    }

    // An end the restart policy accepts: what is left of the tree goes, the state says done (the hearts go with it,
    // in Commit), nothing is counted towards backoff or the limit.
    private async Task FinishAsync(ProgramPlan plan, ProgramFacts facts, CancellationToken cancellationToken)
    {
        var reason = cgroup.DescribeExit(plan.Reason, facts.Exit);
        var solve = RecordEnd(plan, facts, reason);
        var killed = await KillAsync(cancellationToken).ConfigureAwait(false);
        var resolution = $"{reason}: {plan.Outcome}" + (killed == KillReport.NothingRunning ? "" : "; " + killed);
        record.Commit(ProgramTransitions.Done(State, context.Time.GetUtcNow(), plan.Reason, resolution));
        logger.LogInformation("{Program} is done: {Resolution}", Name, resolution);
        problems.Solve(solve, resolution);
    }

    // Waiting (backoff, given up) is over at once; a running program keeps running with nothing held against it.
    private void ResetNow(ProgramPlan plan)
    {
        var cleared = ProgramTransitions.Reset(State);
        string resolution;
        if (State.Phase == ProgramPhase.Running)
        {
            resolution = string.Create(CultureInfo.InvariantCulture, $"reset: backoff and restart limit cleared; pid {State.Pid} keeps running");
            record.Commit(cleared with { LastResolution = resolution });
        }
        else
        {
            resolution = Launch(cleared, uncounted: null, onProbation: false, "reset: give-up and backoff cleared", killed: null);
        }

        logger.LogInformation("{Program} {Reason}: {Resolution}", Name, plan.Reason, resolution);
        problems.Solve(plan.Solve, resolution);
    }
}
