using Watchdog.Common.Protocol;

namespace Watchdog.Cli.Json;

// The `--json` conventions (docs/cli.md): times as ISO-8601 UTC with milliseconds, durations in seconds.
internal static class JsonValues
{
    public const int Version = 1;

    public static string Time(DateTimeOffset at) => ProblemLine.Timestamp(at);

    public static string? Time(DateTimeOffset? at) => at is { } value ? Time(value) : null;

    public static double Seconds(TimeSpan value) => Math.Round(value.TotalSeconds, 3);

    public static double? Seconds(TimeSpan? value) => value is { } v ? Seconds(v) : null;
}
