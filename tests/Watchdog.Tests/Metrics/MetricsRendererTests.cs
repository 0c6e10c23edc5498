using Watchdog.Common.State;
using Watchdog.Metrics;

namespace Watchdog.Tests.Metrics;

public sealed class MetricsRendererTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Exposition_parses_and_carries_every_heart_problem_and_program()
    {
        var snapshot = new MetricsSnapshot { Now = Now, Counters = new DaemonCounters(4, 2) };
        snapshot.Hearts.Add(new HeartSample("api", TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(30), false));
        snapshot.Hearts.Add(new HeartSample("worker.hourly", TimeSpan.FromSeconds(7300), TimeSpan.FromHours(2), true));
        snapshot.Problems.Add(new ProblemSample("worker.hourly", TimeSpan.FromSeconds(100)));
        snapshot.Programs.Add(new ProgramState("api", ProgramPhase.Running, "t", 42, 1, Now.AddMinutes(-2), [Now.AddMinutes(-30), Now.AddHours(-2)], 0, null, null, null));
        snapshot.Programs.Add(new ProgramState("worker", ProgramPhase.GivenUp, null, 0, 0, null, [], 0, Now.AddMinutes(10), null, null));

        var families = PrometheusText.Parse(MetricsRenderer.Render(snapshot));

        Assert.Equal(2, Value(families, "watchdog_hearts"));
        Assert.Equal(1.5, Value(families, "watchdog_heart_age_seconds", "heart", "api"));
        Assert.Equal(7200, Value(families, "watchdog_heart_timeout_seconds", "heart", "worker.hourly"));
        Assert.Equal(1, Value(families, "watchdog_heart_stale", "heart", "worker.hourly"));
        Assert.Equal(0, Value(families, "watchdog_heart_stale", "heart", "api"));
        Assert.Equal(1, Value(families, "watchdog_problems_open"));
        Assert.Equal(100, Value(families, "watchdog_problem_age_seconds", "problem", "worker.hourly"));
        Assert.Equal("counter", families["watchdog_escalations_total"].Type);
        Assert.Equal(2, Value(families, "watchdog_escalations_total"));
        Assert.Equal(4, Value(families, "watchdog_problems_opened_total"));
        Assert.Equal(1, Value(families, "watchdog_program_restarts_last_hour", "program", "api"));
        Assert.Equal(120, Value(families, "watchdog_program_uptime_seconds", "program", "api"));
        Assert.Equal(0, Value(families, "watchdog_program_uptime_seconds", "program", "worker"));
        Assert.Equal(1, Value(families, "watchdog_program_given_up", "program", "worker"));
        Assert.Equal(1, Value(families, "watchdog_program_running", "program", "api"));
        Assert.Equal(Now.ToUnixTimeSeconds(), Value(families, "watchdog_metrics_timestamp_seconds"));
        Assert.All(families.Values, f => Assert.NotEqual("", f.Help));
    }

    [Fact]
    public void Empty_root_still_gives_a_valid_exposition_without_daemon_counters()
    {
        var families = PrometheusText.Parse(MetricsRenderer.Render(new MetricsSnapshot { Now = Now }));

        Assert.Equal(0, Value(families, "watchdog_hearts"));
        Assert.Equal(0, Value(families, "watchdog_problems_open"));
        Assert.DoesNotContain("watchdog_escalations_total", families.Keys);
    }

    [Fact]
    public void Parser_rejects_what_the_format_forbids()
    {
        Assert.Throws<FormatException>(() => PrometheusText.Parse("a 1"));
        Assert.Throws<FormatException>(() => PrometheusText.Parse("a{x=\"1\"} 1\na{x=\"1\"} 2\n"));
        Assert.Throws<FormatException>(() => PrometheusText.Parse("# TYPE a counter\na 1\n"));
        Assert.Throws<FormatException>(() => PrometheusText.Parse("a{x=1} 1\n"));
        Assert.Throws<FormatException>(() => PrometheusText.Parse("a 1\nb 1\na 2\n"));
        Assert.Throws<FormatException>(() => PrometheusText.Parse("a one\n"));
    }

    internal static double Value(IReadOnlyDictionary<string, PrometheusText.Family> families, string name, string? label = null, string? value = null) =>
        Assert.Single(families[name].Samples, s => label is null ? s.Labels.Count == 0 : s.Labels.GetValueOrDefault(label) == value).Value;
}
