using Watchdog.Common.State;
using Watchdog.Metrics;

namespace Watchdog.Cli.Views;

// One program: the restarter's record of it (null when none), whether the operator wants it down,
// and whether its recorded process is alive. Error: why its state could not be read. Usage: what its tree uses
// now, from its cgroup (null without one).
internal sealed record ProgramView(string Name, ProgramState? State, bool Down, bool Alive, DateTimeOffset Now, string? Error)
{
    public ProgramCondition Condition => State switch
    {
        null => ProgramCondition.Unknown,
        { Phase: ProgramPhase.Stopped } => Down ? ProgramCondition.Stopped : ProgramCondition.Starting,
        _ when Down => ProgramCondition.Stopping,
        { Phase: ProgramPhase.Running } => Alive ? ProgramCondition.Running : ProgramCondition.Dead,
        { Phase: ProgramPhase.Backoff } => ProgramCondition.Backoff,
        _ => ProgramCondition.GivenUp,
    };

    // Running as asked, or stopped as asked.
    public bool Healthy => Condition is ProgramCondition.Running or ProgramCondition.Stopped;

    public CgroupUsage? Usage { get; init; }

    public int? Pid => State is { Pid: > 0 } s ? s.Pid : null;

    public TimeSpan? Uptime => Condition == ProgramCondition.Running && State?.LaunchedAt is { } at ? Now - at : null;

    public int RestartsLastHour => State is { } state ? RestartWindow.CountLastHour(state.Restarts, Now) : 0;
}
