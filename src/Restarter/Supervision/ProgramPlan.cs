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

    // The main process ended and its restart policy accepts that (ProgramPlan.Outcome says how): kill what is left
    // of its tree, record it done, launch nothing until an operator asks.
    Finish,

    // `watchdog reset NAME`: clear the give-up, the backoff and the count towards the limit; launch now unless it runs.
    Reset,

    // down/<name> exists: kill the tree, remove the hearts, launch nothing.
    Stop,

    // The problems need no action (already relaunched, or not running on purpose): solve them with Reason.
    SolveOnly,
}

// The outcome of Planner.Plan: what to do, why, which open problems the action solves, and when to look again.
// Outcome: for Finish, the policy's verdict (`not restarted (on-failure)`), appended to Reason in history.
internal sealed record ProgramPlan(PlanAction Action, string Reason, IReadOnlyList<ProblemRecord> Solve, DateTimeOffset? WakeAt)
{
    public string? Outcome { get; init; }
}
