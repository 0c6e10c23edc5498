using Watchdog.Common.State;
using Watchdog.Metrics;

namespace Watchdog.Cli.Views;

// One program: the restarter's record of it (null when none), whether the operator wants it down,
// and whether its recorded process is alive. Error: why its state could not be read. Usage: what its tree uses
// now, from its cgroup (null without one).
// FlapWindow: the program's limit.within (the default without a config): restarts within it count as flapping.
internal sealed record ProgramView(string Name, ProgramState? State, bool Down, bool Alive, DateTimeOffset Now, string? Error)
{
    // Two restarts within the window: one restart is an incident, more are a program that keeps failing.
    public const int FlappingRestarts = 2;

    public TimeSpan FlapWindow { get; init; } = TimeSpan.FromSeconds(60);

    public ProgramCondition Condition => State switch
    {
        null => ProgramCondition.Unknown,
        { Phase: ProgramPhase.Stopped } => Down ? ProgramCondition.Stopped : ProgramCondition.Starting,
        { Phase: ProgramPhase.Running, StopSignalSentAt: not null } => ProgramCondition.Killing,
        _ when Down => ProgramCondition.Stopping,
        { Phase: ProgramPhase.Running, Pid: 0, ShutDownAt: not null } => ProgramCondition.ShutDown,
        { Phase: ProgramPhase.Running } when !Alive => ProgramCondition.Dead,
        { Phase: ProgramPhase.Running } => RestartsInWindow >= FlappingRestarts ? ProgramCondition.Flapping : ProgramCondition.Running,
        { Phase: ProgramPhase.Done } => ProgramCondition.Done,
        { Phase: ProgramPhase.Backoff } => ProgramCondition.Backoff,
        _ => ProgramCondition.GivenUp,
    };

    // Running as asked, stopped as asked, or done as its restart policy allows.
    public bool Healthy => Condition is ProgramCondition.Running or ProgramCondition.Stopped or ProgramCondition.Done;

    public CgroupUsage? Usage { get; init; }

    public int? Pid => State is { Pid: > 0 } s ? s.Pid : null;

    public TimeSpan? Uptime => Condition is ProgramCondition.Running or ProgramCondition.Flapping && State?.LaunchedAt is { } at ? Now - at : null;

    public int RestartsLastHour => State is { } state ? RestartWindow.CountLastHour(state.Restarts, Now) : 0;

    public int RestartsInWindow => State?.Restarts.Count(t => t > Now - FlapWindow && t <= Now) ?? 0;

    // When the stop signal's grace ends and SIGKILL follows, during a kill.
    public DateTimeOffset? KillAt => State is { StopSignalSentAt: { } sent, StopGrace: { } grace } ? sent + grace : null;
}
