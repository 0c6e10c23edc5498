using System.Text.Json;

namespace Watchdog.Tests.Cli;

public sealed class ProblemsAndHistoryTests : IDisposable
{
    private readonly TestRoot root = new();
    private readonly CliHarness cli = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void Open_problems_are_listed_newest_first_with_every_line_and_time_to_detect()
    {
        root.Problem("api", cli.Now.AddSeconds(-90), "2026-11-22T10:18:30.000Z watchdog: heart 'api' silent for 31.2s (timeout 30s)", "2026-11-22T10:19:30.000Z watchdog: escalated: systemctl restart watchdog-restarter.service");
        root.Problem("worker", cli.Now.AddSeconds(-5), "2026-11-22T10:19:55.000Z operator: restart requested by alice");

        var result = cli.Run("problems", "--root", root.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            [
                "worker  open for 5.0s",
                "    2026-11-22T10:19:55.000Z operator: restart requested by alice",
                "api  open for 1m30s, detected after 31.2s of silence",
                "    2026-11-22T10:18:30.000Z watchdog: heart 'api' silent for 31.2s (timeout 30s)",
                "    2026-11-22T10:19:30.000Z watchdog: escalated: systemctl restart watchdog-restarter.service",
            ],
            result.OutputLines);
    }

    [Fact]
    public void No_open_problems_says_so()
    {
        var result = cli.Run("problems", "--root", root.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("no open problems\n", result.Output);
    }

    [Fact]
    public void Problems_json_matches_the_documented_schema()
    {
        root.Problem("api", cli.Now.AddSeconds(-90), "2026-11-22T10:18:30.000Z watchdog: heart 'api' silent for 31.2s (timeout 30s)", "written by hand");

        var result = cli.Run("problems", "--root", root.Path, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        JsonAssert.Keys(json.RootElement, "version", "root", "now", "problems", "errors");
        var problem = Assert.Single(json.RootElement.GetProperty("problems").EnumerateArray());
        JsonAssert.Problem(problem);
        Assert.Equal("2026-11-22T10:18:30.000Z", problem.GetProperty("first_noticed_at").GetString());
        Assert.Equal(90, problem.GetProperty("age_seconds").GetDouble());
        Assert.Equal(31.2, problem.GetProperty("time_to_detect_seconds").GetDouble());
        Assert.Equal(JsonValueKind.Null, problem.GetProperty("solved_at").ValueKind);
        var handWritten = problem.GetProperty("lines")[1];
        Assert.Equal(JsonValueKind.Null, handWritten.GetProperty("at").ValueKind);
        Assert.Equal("written by hand", handWritten.GetProperty("text").GetString());
    }

    [Fact]
    public void History_is_newest_first_with_time_to_detect_and_time_to_solve()
    {
        root.History("api", cli.Now.AddHours(-2), "2026-11-22T08:20:00.000Z watchdog: heart 'api' silent for 30.25s (timeout 30s)", "2026-11-22T08:20:00.360Z restarter: killed 4242 (SIGTERM, 0.2s), started 4250");
        root.History("worker", cli.Now.AddMinutes(-10), "2026-11-22T10:10:00.000Z restarter: exited with code 3", "2026-11-22T10:10:00.004Z restarter: started 4300");

        var result = cli.Run("history", "--root", root.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            [
                "worker  first noticed 2026-11-22T10:10:00.000Z, solved in 4ms",
                "    2026-11-22T10:10:00.000Z restarter: exited with code 3",
                "    2026-11-22T10:10:00.004Z restarter: started 4300",
                "api  first noticed 2026-11-22T08:20:00.000Z, detected after 30.3s of silence, solved in 360ms",
                "    2026-11-22T08:20:00.000Z watchdog: heart 'api' silent for 30.25s (timeout 30s)",
                "    2026-11-22T08:20:00.360Z restarter: killed 4242 (SIGTERM, 0.2s), started 4250",
            ],
            result.OutputLines);
    }

    [Fact]
    public void History_filters_by_since_name_and_limit()
    {
        root.History("api", cli.Now.AddHours(-2), "2026-11-22T08:20:00.000Z restarter: exited with code 1");
        root.History("api", cli.Now.AddMinutes(-30), "2026-11-22T09:50:00.000Z restarter: exited with code 2");
        root.History("api", cli.Now.AddMinutes(-20), "2026-11-22T10:00:00.000Z restarter: exited with code 3");
        root.History("worker", cli.Now.AddMinutes(-10), "2026-11-22T10:10:00.000Z restarter: exited with code 4");

        string[] Codes(params string[] args) =>
            cli.Run(["history", "--root", root.Path, .. args]).OutputLines.Where(l => l.StartsWith("    ", StringComparison.Ordinal)).Select(l => l[^1..]).ToArray();

        Assert.Equal(["4", "3", "2", "1"], Codes());
        Assert.Equal(["4", "3", "2"], Codes("--since", "1h"));
        Assert.Equal(["4", "3"], Codes("--since", "2026-11-22T09:55:00Z"));
        Assert.Equal(["3", "2", "1"], Codes("--name", "api"));
        Assert.Equal(["3"], Codes("--name", "api", "--limit", "1"));
        Assert.Equal("no solved problems named 'db' since 2026-11-22T09:20:00.000Z\n", cli.Run("history", "--root", root.Path, "--name", "db", "--since", "1h").Output);
    }

    [Fact]
    public void History_json_has_solved_at_and_time_to_solve()
    {
        root.History("api", cli.Now.AddHours(-2), "2026-11-22T08:20:00.000Z watchdog: heart 'api' silent for 31s (timeout 30s)", "2026-11-22T08:20:01.500Z restarter: started 4250");

        var result = cli.Run("history", "--root", root.Path, "--json");

        using var json = JsonDocument.Parse(result.Output);
        JsonAssert.Keys(json.RootElement, "version", "root", "now", "problems", "errors");
        var entry = Assert.Single(json.RootElement.GetProperty("problems").EnumerateArray());
        JsonAssert.Problem(entry);
        Assert.Equal("2026-11-22T08:20:01.500Z", entry.GetProperty("solved_at").GetString());
        Assert.Equal(1.5, entry.GetProperty("time_to_solve_seconds").GetDouble());
        Assert.Equal(31, entry.GetProperty("time_to_detect_seconds").GetDouble());
        Assert.Equal(7200, entry.GetProperty("age_seconds").GetDouble());
    }

    [Fact]
    public void Files_that_are_not_history_entries_are_skipped()
    {
        File.WriteAllText(Path.Combine(root.Layout.History, ".20261122T082000.000Z-api.tmp"), "x\n");
        File.WriteAllText(Path.Combine(root.Layout.History, "notes.txt"), "x\n");
        Directory.CreateDirectory(Path.Combine(root.Layout.History, "20261122T082000.000Z-dir"));

        var result = cli.Run("history", "--root", root.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("no solved problems\n", result.Output);
    }

    [Theory]
    [InlineData("--since", "soon")]
    [InlineData("--limit", "-1")]
    [InlineData("--name", "../etc")]
    public void Bad_history_options_are_usage_errors(string option, string value)
    {
        var result = cli.Run("history", "--root", root.Path, option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_root_is_a_clear_error_for_problems_and_history()
    {
        foreach (var verb in (string[])["problems", "history"])
        {
            var result = cli.Run(verb, "--root", root.Sibling("gone"));

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("no such directory", result.Error, StringComparison.Ordinal);
        }
    }
}
