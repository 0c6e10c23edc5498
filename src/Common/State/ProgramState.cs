using Watchdog.Common.Config;

namespace Watchdog.Common.State;

// What the restarter remembers of one program across its own crash (DESIGN.md §2 "State").
// Tag: the current launch's tag (the value of the tag variable); null when nothing runs.
// Pid: the launched main process; 0 when nothing runs.
// PidStartTime: field 22 of /proc/PID/stat (clock ticks after boot): with the pid, the process's identity.
// Restarts: when each recent restart happened, oldest first (for the limit and `status`).
// BackoffAttempt: how many relaunches in a row were delayed; 0 after a healthy run.
// GiveUps: how many times the program was given up since the state file was created.
// OnProbation: the launch after a give-up's cool-down; one more problem before backoff.reset gives up again.
// EarlyFailures: the restarts of launches that failed before proving themselves, oldest first (for the limit);
// null in a state file written before it existed, which counted every restart (Restarts stands in for it).
// HeartsSetTo: the mtime the current launch's hearts were reset to; a heart whose mtime moved has been beaten.
// ConfigFingerprint: the fingerprint of the effective config the current launch was started with (reload, §5).
// HeartNames, Stop: the program's hearts and stop options when the current launch started, so a restarter that
// starts and finds the program gone from the config can still stop its tree and remove its hearts (§5 "Reload").
// Cgroup: the cgroup directory the current launch runs in; null without a delegated cgroup v2 subtree.
// UnappliedLimits: the configured limits this launch runs without, each with why (e.g. no delegated cgroup).
// DoneAt: when the main process ended with an exit its restart policy accepts (phase Done).
// StopSignalSentAt, StopSignal, StopGrace: a tree kill in progress, written before the stop signal is sent, so that
// `status` shows the kill and when SIGKILL follows; cleared by the transition after the kill.
// ShutDownAt: the restarter's orderly stop killed this launch (pid 0, the tag kept).
internal sealed record ProgramState(
    string Name,
    ProgramPhase Phase,
    string? Tag,
    int Pid,
    ulong PidStartTime,
    DateTimeOffset? LaunchedAt,
    IReadOnlyList<DateTimeOffset> Restarts,
    int BackoffAttempt,
    DateTimeOffset? NextLaunchAt,
    string? LastProblem,
    string? LastResolution)
{
    public int GiveUps { get; init; }

    public bool OnProbation { get; init; }

    public IReadOnlyList<DateTimeOffset>? EarlyFailures { get; init; }

    public DateTimeOffset? HeartsSetTo { get; init; }

    public string? ConfigFingerprint { get; init; }

    public IReadOnlyList<string>? HeartNames { get; init; }

    public StopOptions? Stop { get; init; }

    public string? Cgroup { get; init; }

    public IReadOnlyList<string>? UnappliedLimits { get; init; }

    public DateTimeOffset? DoneAt { get; init; }

    public DateTimeOffset? StopSignalSentAt { get; init; }

    public string? StopSignal { get; init; }

    public TimeSpan? StopGrace { get; init; }

    public DateTimeOffset? ShutDownAt { get; init; }
}
