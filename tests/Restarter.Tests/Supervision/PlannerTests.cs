using Watchdog.Common.Protocol;
using Watchdog.Common.State;
using Watchdog.Restarter.Processes;
using Watchdog.Restarter.Supervision;

namespace Restarter.Tests.Supervision;

public sealed class PlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly ProgramState Running = new("api", ProgramPhase.Running, "tag", 42, 7, Now.AddMinutes(-1), [], 0, null, null, null);

    // Nothing seen: no down file, no problem, no exit.
    private static readonly ProgramFacts Quiet = new(false, [], null, false);

    [Fact]
    public void Exit_of_the_main_process_restarts_it()
    {
        var plan = Planner.Plan(Running, Quiet with { Exit = new ChildExit(42, 1, null) }, Now);

        Assert.Equal(PlanAction.Restart, plan.Action);
        Assert.Equal("exited with code 1", plan.Reason);
    }

    [Fact]
    public void Problem_noticed_during_the_current_launch_restarts_it()
    {
        var problem = Problem("api", Now.AddSeconds(-1), "heart 'api' silent for 31.0s (timeout 30s)");

        var plan = Planner.Plan(Running, Quiet with { Problems = [problem] }, Now);

        Assert.Equal(PlanAction.Restart, plan.Action);
        Assert.Equal("watchdog: heart 'api' silent for 31.0s (timeout 30s)", plan.Reason);
    }

    [Fact]
    public void Problem_noticed_before_the_current_launch_is_solved_without_a_restart()
    {
        var problem = Problem("api", Now.AddMinutes(-2), "heart 'api' silent");

        var plan = Planner.Plan(Running, Quiet with { Problems = [problem] }, Now);

        Assert.Equal(PlanAction.SolveOnly, plan.Action);
        Assert.StartsWith("already relaunched at", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Down_file_stops_a_running_program_and_keeps_a_stopped_one_stopped()
    {
        Assert.Equal(PlanAction.Stop, Planner.Plan(Running, Quiet with { IsDown = true }, Now).Action);

        var stopped = Running with { Phase = ProgramPhase.Stopped, Tag = null, Pid = 0 };
        Assert.Equal(PlanAction.None, Planner.Plan(stopped, Quiet with { IsDown = true }, Now).Action);
        Assert.Equal(PlanAction.Launch, Planner.Plan(stopped, Quiet, Now).Action);
    }

    [Fact]
    public void Backoff_waits_for_its_time_and_solves_problems_meanwhile()
    {
        var backoff = Running with { Phase = ProgramPhase.Backoff, Tag = null, Pid = 0, NextLaunchAt = Now.AddSeconds(3) };

        var waiting = Planner.Plan(backoff, Quiet with { Problems = [Problem("api", Now, "x")] }, Now);
        Assert.Equal(PlanAction.SolveOnly, waiting.Action);
        Assert.Equal(Now.AddSeconds(3), waiting.WakeAt);

        Assert.Equal(PlanAction.Launch, Planner.Plan(backoff, Quiet, Now.AddSeconds(3)).Action);
    }

    [Fact]
    public void Running_state_without_a_pid_is_launched()
    {
        var plan = Planner.Plan(Running with { Pid = 0 }, Quiet, Now);

        Assert.Equal(PlanAction.Launch, plan.Action);
    }

    private static ProblemRecord Problem(string name, DateTimeOffset noticed, string text) =>
        new(name, noticed, ProblemLine.Format(noticed, "watchdog", text));
}
