using Watchdog.Common.Config;
using Watchdog.Common.State;
using Watchdog.Restarter.Processes;

namespace Watchdog.Restarter.Supervision;

// The named transitions of one program's state, as pure functions: ProgramExecutor commits their results in
// the crash-only order. Step numbers refer to the comment on ProgramExecutor.
internal static class ProgramTransitions
{
    public static ProgramState Fresh(string name) => new(name, ProgramPhase.Running, null, 0, 0, null, [], 0, null, null, null);

    // A restart RestartPolicy decided on: its restart times and backoff attempt; the probation is over.
    public static ProgramState Counted(ProgramState state, RestartDecision decision) => state with
    {
        Restarts = decision.Restarts,
        EarlyFailures = decision.EarlyFailures,
        BackoffAttempt = decision.BackoffAttempt,
        OnProbation = false,
    };

    // Step (3): the new tag, before any process carries it; no pid yet.
    public static ProgramState Pending(ProgramState basis, string tag, DateTimeOffset now, bool onProbation) => Settled(basis) with
    {
        Phase = ProgramPhase.Running,
        Tag = tag,
        Pid = 0,
        PidStartTime = 0,
        LaunchedAt = now,
        NextLaunchAt = null,
        OnProbation = onProbation,
        HeartsSetTo = null,
    };

    // Step (5): the launched process. lastProblem: why it was launched, when a problem caused it. heartsSetTo: the
    // mtime step (6) gives its hearts, recorded first so that a beat can be told from the reset after a crash.
    public static ProgramState Launched(ProgramState pending, LaunchedProcess process, string? lastProblem, string resolution, DateTimeOffset heartsSetTo) =>
        pending with
        {
            Pid = process.Pid,
            PidStartTime = process.StartTime,
            HeartsSetTo = heartsSetTo,
            LastProblem = lastProblem ?? pending.LastProblem,
            LastResolution = resolution,
        };

    // Backoff or given up: nothing runs until nextLaunchAt (the launch's cgroup went with its tree).
    public static ProgramState Waiting(ProgramState basis, ProgramPhase phase, DateTimeOffset nextLaunchAt, string why, string resolution) => Settled(basis) with
    {
        Phase = phase,
        Tag = null,
        Pid = 0,
        PidStartTime = 0,
        NextLaunchAt = nextLaunchAt,
        Cgroup = null,
        GiveUps = basis.GiveUps + (phase == ProgramPhase.GivenUp ? 1 : 0),
        LastProblem = why,
        LastResolution = resolution,
    };

    // down/<name>: nothing runs and nothing is scheduled.
    public static ProgramState Stopped(ProgramState state, string resolution) =>
        Idle(state, ProgramPhase.Stopped) with { LastResolution = resolution };

    // The main process ended with an exit its restart policy accepts: nothing runs until an operator starts it.
    public static ProgramState Done(ProgramState state, DateTimeOffset now, string why, string resolution) =>
        Idle(state, ProgramPhase.Done) with { DoneAt = now, LastProblem = why, LastResolution = resolution };

    // `watchdog reset NAME`: nothing counts against it any more (like `systemctl reset-failed`); Restarts stays,
    // since it is what happened (`status` counts it), not what the limit counts.
    public static ProgramState Reset(ProgramState state) =>
        state with { EarlyFailures = [], BackoffAttempt = 0, OnProbation = false, NextLaunchAt = null };

    // A tree kill starts: recorded before the stop signal goes out.
    public static ProgramState Stopping(ProgramState state, StopOptions stop, DateTimeOffset now) =>
        state with { StopSignalSentAt = now, StopSignal = stop.SignalName, StopGrace = stop.Grace };

    // The restarter's orderly stop: the tag stays (pid 0), so a restarter dying half-way kills that tag next time.
    public static ProgramState ShutDown(ProgramState state, DateTimeOffset now) => Settled(state) with { Pid = 0, PidStartTime = 0, ShutDownAt = now };

    // Nothing runs and nothing is scheduled.
    private static ProgramState Idle(ProgramState state, ProgramPhase phase) =>
        Settled(state) with { Phase = phase, Tag = null, Pid = 0, PidStartTime = 0, NextLaunchAt = null, Cgroup = null };

    // What belongs to the launch or the kill before: a kill is over, a shutdown or a done exit superseded.
    private static ProgramState Settled(ProgramState state) =>
        state with { StopSignalSentAt = null, StopSignal = null, StopGrace = null, ShutDownAt = null, DoneAt = null };
}
