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
        program.Error);
}
