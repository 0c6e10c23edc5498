using System.Text.Json;
using Watchdog.Common.State;

namespace Watchdog.Tests.Cli;

public sealed class StatusCommandTests : IDisposable
{
    private readonly TestRoot root = new();
    private readonly CliHarness cli = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void Healthy_root_exits_0_and_says_so()
    {
        root.Running("api", cli.Now.AddHours(-2));
        root.Heart("api", "30\n", cli.Now.AddSeconds(-3));
        root.Daemons(cli.Now);

        var result = cli.Run("status", "--root", root.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(": healthy", result.OutputLines[0], StringComparison.Ordinal);
        Assert.Matches(@"api\s+running\s+\d+\s+2h00m \(since 2026-11-22T08:20:00Z\)\s+0\s+-", result.Output);
        Assert.Matches(@"api\s+3\.0s\s+30s\s+fresh", result.Output);
        Assert.Contains("OPEN PROBLEMS: none", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Everything_wrong_is_named_and_exits_1()
    {
        root.Running("api", cli.Now.AddMinutes(-5), cli.Now.AddMinutes(-5), cli.Now.AddMinutes(-30), cli.Now.AddHours(-3));
        root.State("worker", ProgramPhase.GivenUp, nextLaunchAt: cli.Now.AddMinutes(10), lastProblem: "exited with code 1", lastResolution: "given up after 5 restarts in 60s");
        root.Heart("api", "2.5", cli.Now.AddSeconds(-40));
        root.Problem("api", cli.Now.AddSeconds(-7), "2026-11-22T10:19:53.000Z watchdog: heart 'api' silent for 33.0s (timeout 2.5s)");
        root.Daemons(cli.Now);

        var result = cli.Run("status", "--root", root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("NOT HEALTHY: 1 program given up, 1 heart stale, 1 problem open", result.OutputLines[0], StringComparison.Ordinal);
        Assert.Matches(@"api\s+running\s+\d+\s+5m00s \(since 2026-11-22T10:15:00Z\)\s+2\s", result.Output);
        Assert.Matches(@"worker\s+given up \(next launch in 10m00s\)\s+-\s+-\s+0\s+exited with code 1 → given up after 5 restarts in 60s", result.Output);
        Assert.Matches(@"api\s+40\.0s\s+2\.5s\s+stale", result.Output);
        Assert.Matches(@"api\s+7\.0s\s+watchdog: heart 'api' silent for 33\.0s", result.Output);
    }

    [Fact]
    public void Recorded_pid_that_is_gone_is_reported_dead()
    {
        var (pid, start) = TestRoot.Self;
        root.State("api", ProgramPhase.Running, pid, start + 1, cli.Now.AddMinutes(-1));

        var result = cli.Run("status", "--root", root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"api\s+dead \(pid gone\)", result.Output);
    }

    [Fact]
    public void Backoff_past_its_next_launch_is_overdue()
    {
        root.State("worker", ProgramPhase.Backoff, nextLaunchAt: cli.Now.AddSeconds(-75));
        root.Daemons(cli.Now);

        var result = cli.Run("status", "--root", root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("NOT HEALTHY: 1 program in backoff", result.OutputLines[0], StringComparison.Ordinal);
        Assert.Matches(@"worker\s+backoff \(next launch overdue by 1m15s\)", result.Output);
    }

    [Fact]
    public void Program_stopped_by_the_operator_is_healthy()
    {
        root.State("api", ProgramPhase.Stopped);
        root.Down("api");
        root.Daemons(cli.Now);

        var result = cli.Run("status", "--root", root.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"api\s+stopped\s+-", result.Output);
    }

    [Fact]
    public void Down_file_the_restarter_has_not_acted_on_is_stopping()
    {
        root.Running("api", cli.Now.AddMinutes(-1));
        root.Down("api");

        var result = cli.Run("status", "--root", root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"api\s+stopping", result.Output);
    }

    [Fact]
    public void Configured_program_without_state_is_unknown_and_heart_without_timeout_uses_the_config_default()
    {
        var config = root.Config("restarter:\n  programs:\n    - name: api\n      command: [/bin/true]\n");
        root.Heart("api", "not a number", cli.Now.AddSeconds(-40));

        var result = cli.Run("status", "--config", config);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"api\s+unknown", result.Output);
        Assert.Matches(@"api\s+40\.0s\s+45s \(default\)\s+fresh", result.Output);
    }

    [Fact]
    public void Unreadable_state_file_is_reported_on_stderr_and_exits_1()
    {
        File.WriteAllText(root.States.PathFor("api"), "{ not json");

        var result = cli.Run("status", "--root", root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"api\s+unreadable state\s+.*not a valid state file", result.Output);
    }

    [Fact]
    public void Piped_output_has_no_escape_codes_and_a_terminal_gets_colour()
    {
        root.Heart("api", "30", cli.Now.AddSeconds(-40));

        var piped = cli.Run("status", "--root", root.Path);
        cli.Terminal = true;
        var terminal = cli.Run("status", "--root", root.Path);

        Assert.False(piped.HasEscapeCodes);
        Assert.True(terminal.HasEscapeCodes);
        Assert.Equal(piped.Output, AnsiStripped(terminal.Output));
    }

    [Fact]
    public void NO_COLOR_turns_colour_off_on_a_terminal_unless_asked_for_explicitly()
    {
        root.Heart("api", "30", cli.Now.AddSeconds(-40));
        cli.Terminal = true;
        cli.Variables["NO_COLOR"] = "1";

        Assert.False(cli.Run("status", "--root", root.Path).HasEscapeCodes);
        Assert.True(cli.Run("status", "--root", root.Path, "--color", "always").HasEscapeCodes);
        Assert.False(cli.Run("problems", "--root", root.Path).HasEscapeCodes);
        Assert.False(cli.Run("history", "--root", root.Path).HasEscapeCodes);
    }

    [Fact]
    public void Json_matches_the_documented_schema()
    {
        root.Running("api", cli.Now.AddHours(-1), cli.Now.AddMinutes(-10));
        root.State("worker", ProgramPhase.Backoff, nextLaunchAt: cli.Now.AddSeconds(4), lastProblem: "exited with signal SIGSEGV", giveUps: 2);
        root.Heart("api", "30", cli.Now.AddSeconds(-1.5));
        root.Problem("worker", cli.Now.AddSeconds(-2), "2026-11-22T10:19:58.000Z restarter: exited with signal SIGSEGV");

        var result = cli.Run("status", "--root", root.Path, "--json");

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var doc = json.RootElement;
        JsonAssert.Keys(doc, "version", "root", "now", "healthy", "programs", "hearts", "problems", "errors", "daemons", "config_rejected");
        Assert.Equal(1, doc.GetProperty("version").GetInt32());
        Assert.Equal(root.Path, doc.GetProperty("root").GetString());
        Assert.Equal("2026-11-22T10:20:00.000Z", doc.GetProperty("now").GetString());
        Assert.False(doc.GetProperty("healthy").GetBoolean());

        var programs = doc.GetProperty("programs").EnumerateArray().ToList();
        Assert.Equal(["api", "worker"], programs.Select(p => p.GetProperty("name").GetString()));
        foreach (var program in programs)
        {
            JsonAssert.Keys(program, "name", "state", "down", "pid", "alive", "launched_at", "uptime_seconds", "restarts_last_hour", "give_ups", "next_launch_at", "last_problem", "last_resolution", "error",
                "cgroup", "memory_current_bytes", "tasks_current", "unapplied_limits",
                "restarts_in_window", "flap_window_seconds", "done_at", "stop_signal_sent_at", "sigkill_at", "shut_down_at");
            JsonAssert.TimeOrNull(program.GetProperty("launched_at"));
            JsonAssert.TimeOrNull(program.GetProperty("next_launch_at"));
        }

        Assert.Equal("running", programs[0].GetProperty("state").GetString());
        Assert.Equal(Environment.ProcessId, programs[0].GetProperty("pid").GetInt32());
        Assert.True(programs[0].GetProperty("alive").GetBoolean());
        Assert.Equal(3600, programs[0].GetProperty("uptime_seconds").GetDouble());
        Assert.Equal(1, programs[0].GetProperty("restarts_last_hour").GetInt32());
        Assert.Equal("backoff", programs[1].GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, programs[1].GetProperty("pid").ValueKind);
        Assert.Equal("2026-11-22T10:20:04.000Z", programs[1].GetProperty("next_launch_at").GetString());
        Assert.Equal(2, programs[1].GetProperty("give_ups").GetInt32());

        var heart = Assert.Single(doc.GetProperty("hearts").EnumerateArray());
        JsonAssert.Keys(heart, "name", "last_beat_at", "age_seconds", "timeout_seconds", "timeout_from_file", "stale", "grace_seconds_left");
        Assert.Equal("2026-11-22T10:19:58.500Z", heart.GetProperty("last_beat_at").GetString());
        Assert.Equal(1.5, heart.GetProperty("age_seconds").GetDouble());
        Assert.Equal(30, heart.GetProperty("timeout_seconds").GetDouble());
        Assert.True(heart.GetProperty("timeout_from_file").GetBoolean());
        Assert.False(heart.GetProperty("stale").GetBoolean());

        var problem = Assert.Single(doc.GetProperty("problems").EnumerateArray());
        JsonAssert.Problem(problem);
        Assert.Equal("restarter", problem.GetProperty("lines")[0].GetProperty("detector").GetString());
        Assert.Empty(doc.GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public void Missing_root_says_so_plainly()
    {
        var result = cli.Run("status", "--root", root.Sibling("nowhere"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"no such directory {root.Sibling("nowhere")} — is the watchdog installed", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void Root_that_is_a_file_is_not_a_directory()
    {
        File.WriteAllText(root.Sibling("file"), "");

        var result = cli.Run("status", "--root", root.Sibling("file"), "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{root.Sibling("file")} is not a directory", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Protocol_directory_that_is_a_file_is_named_and_the_rest_is_still_shown()
    {
        Directory.Delete(root.Layout.Problems);
        File.WriteAllText(root.Layout.Problems, "");
        root.Heart("api", "30", cli.Now);

        var result = cli.Run("status", "--root", root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{root.Layout.Problems} is a regular file, not a directory", result.Error, StringComparison.Ordinal);
        Assert.Matches(@"api\s+0ms\s+30s\s+fresh", result.Output);
    }

    [Fact]
    public void Missing_config_exits_78_and_points_at_root()
    {
        var result = cli.Run("status", "--config", root.Sibling("missing.yaml"));

        Assert.Equal(78, result.ExitCode);
        Assert.Contains("cannot read the config file", result.Error, StringComparison.Ordinal);
        Assert.Contains("--root DIR", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_and_root_together_are_a_usage_error()
    {
        var result = cli.Run("status", "--root", root.Path, "--config", root.Config());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Use --config or --root, not both.", result.Error, StringComparison.Ordinal);
    }

    private static string AnsiStripped(string text) => System.Text.RegularExpressions.Regex.Replace(text, "\e\\[[0-9;]*m", "");
}
