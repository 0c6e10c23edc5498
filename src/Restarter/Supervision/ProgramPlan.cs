using Watchdog.Common.Protocol;

namespace Watchdog.Restarter.Supervision;

internal enum PlanAction
{
    // Nothing to do until WakeAt (or the next event).
    None,

    // Kill whatever still carries the state's tag, then launch with a fresh tag.
    Launch,

    // A problem with the running instance: kill its tree, then relaunch now, later, or give up (RestartPolicy).
    Restart,

    // down/<name> exists: kill the tree, remove the hearts, launch nothing.
    Stop,

    // The problems need no action (already relaunched, or not running on purpose): solve them with Reason.
    SolveOnly,
}

// The outcome of Planner.Plan: what to do, why, which open problems the action solves, and when to look again.
internal sealed record ProgramPlan(PlanAction Action, string Reason, IReadOnlyList<ProblemRecord> Solve, DateTimeOffset? WakeAt);
