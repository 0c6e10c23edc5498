using Watchdog.Cli.Views;

namespace Watchdog.Cli.Json;

internal sealed record HeartJson(string Name, string LastBeatAt, double AgeSeconds, double TimeoutSeconds, bool TimeoutFromFile, bool Stale)
{
    // What is left of the startup grace (the last beat lies that far in the future); null when none is.
    public double? GraceSecondsLeft { get; init; }

    public static HeartJson From(HeartView heart) => new(
        heart.Name,
        JsonValues.Time(heart.LastBeat),
        JsonValues.Seconds(heart.Age),
        JsonValues.Seconds(heart.Timeout),
        heart.TimeoutFromFile,
        heart.Stale)
    {
        GraceSecondsLeft = JsonValues.Seconds(heart.GraceLeft),
    };
}
