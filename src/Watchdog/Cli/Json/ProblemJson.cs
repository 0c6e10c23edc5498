using Watchdog.Cli.Views;

namespace Watchdog.Cli.Json;

internal sealed record ProblemJson(
    string Name,
    string FirstNoticedAt,
    double AgeSeconds,
    double? TimeToDetectSeconds,
    string? SolvedAt,
    double? TimeToSolveSeconds,
    IReadOnlyList<LineJson> Lines)
{
    public static ProblemJson From(ProblemView problem, DateTimeOffset now) => new(
        problem.Name,
        JsonValues.Time(problem.FirstNoticed),
        JsonValues.Seconds(now - problem.FirstNoticed),
        JsonValues.Seconds(problem.TimeToDetect),
        JsonValues.Time(problem.SolvedAt),
        JsonValues.Seconds(problem.TimeToSolve),
        problem.Lines.Select(LineJson.From).ToList());
}
