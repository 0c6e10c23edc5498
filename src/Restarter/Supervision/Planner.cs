using System.Globalization;
using Watchdog.Common.Protocol;
using Watchdog.Common.State;

namespace Watchdog.Restarter.Supervision;

// The pure step of one program's supervision: from its recorded state and what was just seen, what to do.
internal static class Planner
{
    // policy: the program's restart policy (every exit restarted when null).
    public static ProgramPlan Plan(ProgramState state, ProgramFacts facts, DateTimeOffset now, ExitPolicy? policy = null)
    {
        var problems = facts.Problems;
        if (facts.IsDown)
        {
            return state.Phase != ProgramPhase.Stopped
                ? new ProgramPlan(PlanAction.Stop, $"stopped: down/{state.Name} exists", problems, null)
                : SolveOnly($"not restarted: the program is stopped (down/{state.Name} exists)", problems, null);
        }

        switch (state.Phase)
        {
            case ProgramPhase.Stopped:
                return new ProgramPlan(PlanAction.Launch, $"started: down/{state.Name} was removed", problems, null);
            case ProgramPhase.Done:
                // Done waits for an operator: `watchdog start` (or `mark`) writes a problem that asks for a launch.
                return problems.Count > 0
                    ? new ProgramPlan(PlanAction.Launch, "started: " + problems[0].LastReport, problems, null)
                    : new ProgramPlan(PlanAction.None, "done: launched again by `watchdog start`", problems, null);
            case ProgramPhase.Backoff or ProgramPhase.GivenUp when problems.Any(Detectors.HasReset):
                return new ProgramPlan(PlanAction.Reset, "reset by an operator", problems, null);
            case ProgramPhase.Backoff or ProgramPhase.GivenUp:
                if (state.NextLaunchAt is not { } next || next <= now)
                {
                    var why = state.Phase == ProgramPhase.Backoff ? "backoff over" : "cool-down over, trying once more";
                    return new ProgramPlan(PlanAction.Launch, why, problems, null);
                }

                var waiting = state.Phase == ProgramPhase.Backoff
                    ? $"not restarted: a relaunch is already scheduled at {ProblemLine.Timestamp(next)}"
                    : $"not restarted: the program is given up until {ProblemLine.Timestamp(next)}";
                return SolveOnly(waiting, problems, next);
        }

        if (state.Pid == 0)
        {
            return new ProgramPlan(PlanAction.Launch, state.LaunchedAt is null ? "first start" : "not running", problems, null);
        }

        if (facts.Exit is { } exit)
        {
            return Ended(exit.Describe(), (policy ?? ExitPolicy.Always).Accepts(exit), problems);
        }

        if (facts.MainGone)
        {
            var seen = facts.GoneSeenByPidFd ? " (its pidfd reported the exit)" : "";
            return Ended(string.Create(CultureInfo.InvariantCulture, $"pid {state.Pid} is gone{seen}"), (policy ?? ExitPolicy.Always).Accepts(null), problems);
        }

        if (problems.Any(Detectors.HasReset))
        {
            return new ProgramPlan(PlanAction.Reset, "reset by an operator", problems, null);
        }

        // A problem first noticed before the current launch was about the previous instance: this launch solved it
        // (the restarter crashed before moving it to history).
        var fresh = problems.Where(p => state.LaunchedAt is not { } launched || p.FirstNoticed >= launched).ToList();
        if (fresh.Count > 0)
        {
            return new ProgramPlan(PlanAction.Restart, fresh[0].LastReport, problems, null);
        }

        return SolveOnly(
            string.Create(CultureInfo.InvariantCulture, $"already relaunched at {ProblemLine.Timestamp(state.LaunchedAt!.Value)} (pid {state.Pid}, tag {state.Tag})"),
            problems,
            null);
    }

    private static ProgramPlan Ended(string what, string? accepted, IReadOnlyList<ProblemRecord> problems) => accepted is null
        ? new ProgramPlan(PlanAction.Restart, what, problems, null)
        : new ProgramPlan(PlanAction.Finish, what, problems, null) { Outcome = accepted };

    private static ProgramPlan SolveOnly(string reason, IReadOnlyList<ProblemRecord> problems, DateTimeOffset? wakeAt) =>
        new(problems.Count > 0 ? PlanAction.SolveOnly : PlanAction.None, reason, problems, wakeAt);
}
