using Watchdog.Cli.Views;

namespace Watchdog.Cli.Json;

internal sealed record HeartJson(string Name, string LastBeatAt, double AgeSeconds, double TimeoutSeconds, bool TimeoutFromFile, bool Stale)
{
    public static HeartJson From(HeartView heart) => new(
        heart.Name,
        JsonValues.Time(heart.LastBeat),
        JsonValues.Seconds(heart.Age),
        JsonValues.Seconds(heart.Timeout),
        heart.TimeoutFromFile,
        heart.Stale);
}
