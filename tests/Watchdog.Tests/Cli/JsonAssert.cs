using System.Text.Json;
using System.Text.RegularExpressions;

namespace Watchdog.Tests.Cli;

// Holds `--json` output to the schema documented in docs/cli.md.
internal static partial class JsonAssert
{
    public static void Keys(JsonElement element, params string[] keys) =>
        Assert.Equal(keys.Order(StringComparer.Ordinal), element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

    public static void Time(JsonElement element) =>
        Assert.Matches(IsoTime(), element.GetString());

    public static void TimeOrNull(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Null)
        {
            Time(element);
        }
    }

    public static void SecondsOrNull(JsonElement element) =>
        Assert.True(element.ValueKind is JsonValueKind.Number or JsonValueKind.Null, $"expected seconds or null, got {element.ValueKind}");

    public static void Problem(JsonElement problem)
    {
        Keys(problem, "name", "first_noticed_at", "age_seconds", "time_to_detect_seconds", "solved_at", "time_to_solve_seconds", "lines");
        Time(problem.GetProperty("first_noticed_at"));
        Assert.Equal(JsonValueKind.Number, problem.GetProperty("age_seconds").ValueKind);
        SecondsOrNull(problem.GetProperty("time_to_detect_seconds"));
        TimeOrNull(problem.GetProperty("solved_at"));
        SecondsOrNull(problem.GetProperty("time_to_solve_seconds"));
        foreach (var line in problem.GetProperty("lines").EnumerateArray())
        {
            Keys(line, "at", "detector", "text");
            TimeOrNull(line.GetProperty("at"));
        }
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")]
    private static partial Regex IsoTime();
}
