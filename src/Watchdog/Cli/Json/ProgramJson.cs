using Watchdog.Cli.Text;
using Watchdog.Cli.Views;

namespace Watchdog.Cli.Json;

internal sealed record ProgramJson(
    string Name,
    string State,
    bool Down,
    int? Pid,
    bool Alive,
    string? LaunchedAt,
    double? UptimeSeconds,
    int RestartsLastHour,
    int GiveUps,
    string? NextLaunchAt,
    string? LastProblem,
    string? LastResolution,
    string? Error)
{
    // The cgroup the current launch runs in (null without a delegated cgroup v2 subtree), what its tree uses now
    // (null when the controller is not enabled there or nothing runs), and the configured limits it runs without.
    public string? Cgroup { get; init; }

    public ulong? MemoryCurrentBytes { get; init; }

    public ulong? TasksCurrent { get; init; }

    public IReadOnlyList<string> UnappliedLimits { get; init; } = [];

    // Restarts within FlapWindowSeconds (limit.within): 2 or more is `flapping`.
    public int RestartsInWindow { get; init; }

    public double FlapWindowSeconds { get; init; }

    public string? DoneAt { get; init; }

    public string? StopSignalSentAt { get; init; }

    public string? SigkillAt { get; init; }

    public string? ShutDownAt { get; init; }

    public static ProgramJson From(ProgramView program) => new(
        program.Name,
        ProgramConditionText.Key(program.Condition),
        program.Down,
        program.Pid,
        program.Alive,
        JsonValues.Time(program.State?.LaunchedAt),
        JsonValues.Seconds(program.Uptime),
        program.RestartsLastHour,
        program.State?.GiveUps ?? 0,
        JsonValues.Time(program.State?.NextLaunchAt),
        program.State?.LastProblem,
        program.State?.LastResolution,
        program.Error)
    {
        Cgroup = program.State?.Cgroup,
        MemoryCurrentBytes = program.Usage?.MemoryBytes,
        TasksCurrent = program.Usage?.Tasks,
        UnappliedLimits = program.State?.UnappliedLimits ?? [],
        RestartsInWindow = program.RestartsInWindow,
        FlapWindowSeconds = JsonValues.Seconds(program.FlapWindow),
        DoneAt = JsonValues.Time(program.State?.DoneAt),
        StopSignalSentAt = JsonValues.Time(program.State?.StopSignalSentAt),
        SigkillAt = JsonValues.Time(program.KillAt),
        ShutDownAt = JsonValues.Time(program.State?.ShutDownAt),
    };
}
