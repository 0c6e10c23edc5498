using Watchdog.Common.Processes;
using Watchdog.Common.Protocol;

namespace Watchdog.Tests.Detector;

public sealed class EscalationTests
{
    private static readonly Common.Config.DetectorOptions Escalating = DetectorScenario.Defaults with
    {
        Escalate = ["/usr/bin/systemctl", "restart", "watchdog-restarter.service"],
        EscalateAfter = TimeSpan.FromSeconds(60),
    };

    [Fact]
    public void Problem_is_escalated_once_it_is_older_than_escalate_after()
    {
        using var s = new DetectorScenario(Escalating);
        s.Heart("api", "30", TimeSpan.FromSeconds(31));
        s.Scan();
        s.Advance(TimeSpan.FromSeconds(60));
        s.Scan();
        Assert.Empty(s.Runner.Started);

        s.Advance(TimeSpan.FromSeconds(1));
        s.Scan();

        var (request, _) = Assert.Single(s.Runner.Started);
        Assert.Equal(Escalating.Escalate, request.Argv);
        Assert.Equal(Escalating.EscalateTimeout, request.Timeout);
    }

    [Fact]
    public async Task Problem_is_escalated_at_most_once_per_escalate_after()
    {
        using var s = new DetectorScenario(Escalating);
        s.Heart("api", "30", TimeSpan.FromSeconds(31));
        s.Scan();
        s.Advance(TimeSpan.FromSeconds(61));
        s.Scan();
        s.Runner.FinishAll(1);
        await Poll.UntilAsync(() => s.ProblemText("api").Contains("escalation", StringComparison.Ordinal), "the first escalation to end");

        for (var i = 0; i < 59; i++)
        {
            s.Advance(TimeSpan.FromSeconds(1));
            s.Scan();
        }

        Assert.Single(s.Runner.Started);
        s.Advance(TimeSpan.FromSeconds(1));
        s.Scan();
        Assert.Equal(2, s.Runner.Started.Count);
        Assert.Equal(2, s.Detector.EscalationsStarted);
    }

    [Fact]
    public void Escalation_still_running_is_not_started_again()
    {
        using var s = new DetectorScenario(Escalating with { EscalateTimeout = TimeSpan.FromMinutes(5) });
        s.Heart("api", "30", TimeSpan.FromSeconds(31));
        s.Scan();
        for (var i = 0; i < 200; i++)
        {
            s.Advance(TimeSpan.FromSeconds(1));
            s.Scan();
        }

        Assert.Single(s.Runner.Started);
    }

    [Fact]
    public async Task Escalation_outcome_is_appended_and_the_first_noticed_mtime_kept()
    {
        using var s = new DetectorScenario(Escalating);
        s.Heart("api", "30", TimeSpan.FromSeconds(31));
        s.Scan();
        var firstNoticed = File.GetLastWriteTimeUtc(s.Layout.Problem("api"));
        s.Advance(TimeSpan.FromSeconds(61));
        s.Scan();

        s.Runner.FinishAll(3);

        await Poll.UntilAsync(() => s.ProblemText("api").Contains("escalation", StringComparison.Ordinal), "the outcome appended");
        var lines = s.ProblemText("api").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.EndsWith("watchdog: escalation [/usr/bin/systemctl, restart, watchdog-restarter.service] exited with code 3 after 0.005s", lines[1], StringComparison.Ordinal);
        Assert.Equal(firstNoticed, File.GetLastWriteTimeUtc(s.Layout.Problem("api")));
    }

    [Fact]
    public void Problems_opened_by_others_are_escalated_too()
    {
        using var s = new DetectorScenario(Escalating);
        ProblemFile.TryCreate(s.Layout, "restarter", DetectorScenario.Start.AddMinutes(-2), "operator", "stuck");

        s.Scan();

        Assert.Single(s.Runner.Started);
    }

    [Fact]
    public void Wall_clock_step_forward_escalates_nothing()
    {
        using var s = new DetectorScenario(Escalating);
        ProblemFile.TryCreate(s.Layout, "api", DetectorScenario.Start.AddSeconds(-5), "operator", "stuck");
        s.Scan();

        s.StepWallClock(TimeSpan.FromHours(1));
        s.Advance(TimeSpan.FromSeconds(1));
        s.Scan();

        Assert.Empty(s.Runner.Started);
    }

    [Fact]
    public void Mark_only_mode_marks_and_never_escalates()
    {
        using var s = new DetectorScenario();
        s.Heart("api", "30", TimeSpan.FromSeconds(31));
        for (var i = 0; i < 10; i++)
        {
            s.Scan();
            s.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.True(s.HasProblem("api"));
        Assert.Empty(s.Runner.Started);
    }

    [Fact]
    public void On_problem_runs_once_per_new_problem_with_its_name_and_file()
    {
        using var s = new DetectorScenario(DetectorScenario.Defaults with { OnProblem = ["/usr/local/bin/page-someone"], OnProblemTimeout = TimeSpan.FromSeconds(7) });
        s.Heart("api", "30", TimeSpan.FromSeconds(31));
        for (var i = 0; i < 5; i++)
        {
            s.Scan();
            s.Advance(TimeSpan.FromSeconds(1));
        }

        var (request, _) = Assert.Single(s.Runner.Started);
        Assert.Equal(["/usr/local/bin/page-someone"], request.Argv);
        Assert.Contains(new KeyValuePair<string, string>("WATCHDOG_PROBLEM", "api"), request.Environment);
        Assert.Contains(new KeyValuePair<string, string>("WATCHDOG_PROBLEM_FILE", s.Layout.Problem("api")), request.Environment);
        Assert.Equal(TimeSpan.FromSeconds(7), request.Timeout);
    }

    [Fact]
    public async Task Stopping_kills_running_hooks()
    {
        using var s = new DetectorScenario(Escalating);
        ProblemFile.TryCreate(s.Layout, "api", DetectorScenario.Start.AddMinutes(-2), "operator", "stuck");
        s.Scan();

        await s.Detector.StopHooksAsync(TimeSpan.FromSeconds(10));

        var (_, completion) = Assert.Single(s.Runner.Started);
        Assert.Equal(HookEnd.Cancelled, (await completion.Task).End);
    }
}
