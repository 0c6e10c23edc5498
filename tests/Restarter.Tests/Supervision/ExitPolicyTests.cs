using Watchdog.Common.Config;
using Watchdog.Common.Protocol;
using Watchdog.Common.State;
using Watchdog.Restarter.Processes;
using Watchdog.Restarter.Supervision;

namespace Restarter.Tests.Supervision;

// The restart policy's decision, pure: which ends are done and which are problems.
public sealed class ExitPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly ProgramState Running = new("job", ProgramPhase.Running, "tag", 42, 7, Now.AddMinutes(-1), [], 0, null, null, null);
    private static readonly ProgramFacts Quiet = new(false, [], null, false);

    [Theory]
    [InlineData(nameof(RestartWhen.Always), 0, null, null)]
    [InlineData(nameof(RestartWhen.Always), 3, null, null)]
    [InlineData(nameof(RestartWhen.OnFailure), 0, null, "not restarted (on-failure)")]
    [InlineData(nameof(RestartWhen.OnFailure), 2, null, "not restarted (on-failure)")]
    [InlineData(nameof(RestartWhen.OnFailure), 3, null, null)]
    [InlineData(nameof(RestartWhen.OnFailure), null, 9, null)]
    [InlineData(nameof(RestartWhen.Never), 3, null, "not restarted (restart: never)")]
    [InlineData(nameof(RestartWhen.Never), null, 9, "not restarted (restart: never)")]
    public void An_exit_is_accepted_only_when_the_policy_and_the_success_codes_say_so(string when, int? code, int? signal, string? expected)
    {
        var policy = new ExitPolicy(Enum.Parse<RestartWhen>(when), [0, 2]);

        Assert.Equal(expected, policy.Accepts(new ChildExit(42, code, signal)));
    }

    [Fact]
    public void A_main_process_found_gone_without_its_status_is_done_only_under_never()
    {
        Assert.Null(new ExitPolicy(RestartWhen.OnFailure, [0]).Accepts(null));
        Assert.NotNull(new ExitPolicy(RestartWhen.Never, [0]).Accepts(null));
    }

    [Fact]
    public void An_accepted_exit_is_planned_as_finished_with_the_policy_in_its_outcome()
    {
        var plan = Planner.Plan(Running, Quiet with { Exit = new ChildExit(42, 0, null) }, Now, new ExitPolicy(RestartWhen.OnFailure, [0]));

        Assert.Equal(PlanAction.Finish, plan.Action);
        Assert.Equal("exited with code 0", plan.Reason);
        Assert.Equal("not restarted (on-failure)", plan.Outcome);
    }

    [Fact]
    public void A_failing_exit_under_on_failure_is_still_a_restart()
    {
        var plan = Planner.Plan(Running, Quiet with { Exit = new ChildExit(42, 3, null) }, Now, new ExitPolicy(RestartWhen.OnFailure, [0]));

        Assert.Equal(PlanAction.Restart, plan.Action);
    }

    [Fact]
    public void A_done_program_waits_for_a_problem_and_a_problem_launches_it()
    {
        var done = Running with { Phase = ProgramPhase.Done, Tag = null, Pid = 0, DoneAt = Now };

        Assert.Equal(PlanAction.None, Planner.Plan(done, Quiet, Now).Action);
        var plan = Planner.Plan(done, Quiet with { Problems = [Problem("job", Detectors.Operator, "start requested by ops")] }, Now);
        Assert.Equal(PlanAction.Launch, plan.Action);
        Assert.Equal("started: operator: start requested by ops", plan.Reason);
        Assert.Equal(PlanAction.Stop, Planner.Plan(done, Quiet with { IsDown = true }, Now).Action);
    }

    [Theory]
    [InlineData(nameof(ProgramPhase.GivenUp))]
    [InlineData(nameof(ProgramPhase.Backoff))]
    [InlineData(nameof(ProgramPhase.Running))]
    public void A_reset_request_is_planned_as_a_reset_whatever_the_wait(string name)
    {
        var phase = Enum.Parse<ProgramPhase>(name);
        var state = Running with { Phase = phase, NextLaunchAt = phase == ProgramPhase.Running ? null : Now.AddMinutes(10) };

        var plan = Planner.Plan(state, Quiet with { Problems = [Problem("job", Detectors.Reset, "requested by ops")] }, Now);

        Assert.Equal(PlanAction.Reset, plan.Action);
    }

    private static ProblemRecord Problem(string name, string detector, string text) =>
        new(name, Now, ProblemLine.Format(Now, detector, text));
}
