using Watchdog.Common.State;
using Watchdog.Restarter.Processes;
using Watchdog.Restarter.Supervision;

namespace Restarter.Tests.Supervision;

public sealed class ProgramTransitionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static readonly ProgramState Running = ProgramTransitions.Fresh("api") with
    {
        Tag = "old",
        Pid = 42,
        PidStartTime = 7,
        LaunchedAt = Now.AddHours(-1),
        LastProblem = "earlier",
    };

    [Fact]
    public void Pending_names_the_new_tag_without_a_pid_and_clears_the_schedule()
    {
        var pending = ProgramTransitions.Pending(Running with { Phase = ProgramPhase.Backoff, NextLaunchAt = Now }, "new", Now, onProbation: true);

        Assert.Equal((ProgramPhase.Running, "new", 0, 0UL, Now, (DateTimeOffset?)null, true), (pending.Phase, pending.Tag, pending.Pid, pending.PidStartTime, pending.LaunchedAt, pending.NextLaunchAt, pending.OnProbation));
    }

    [Fact]
    public void Launched_records_the_process_and_keeps_the_last_problem_unless_a_problem_caused_the_launch()
    {
        var pending = ProgramTransitions.Pending(Running, "new", Now, onProbation: false);

        var started = ProgramTransitions.Launched(pending, new LaunchedProcess(43, 8), null, "started", Now.AddSeconds(10));
        var relaunched = ProgramTransitions.Launched(pending, new LaunchedProcess(43, 8), "crashed", "relaunched", Now.AddSeconds(10));

        Assert.Equal((43, 8UL, "earlier", "started"), (started.Pid, started.PidStartTime, started.LastProblem, started.LastResolution));
        Assert.Equal("crashed", relaunched.LastProblem);
        Assert.Equal("new", relaunched.Tag);
        Assert.Equal(Now.AddSeconds(10), started.HeartsSetTo);
    }

    [Fact]
    public void Waiting_clears_the_launch_schedules_the_next_and_counts_a_give_up()
    {
        var backoff = ProgramTransitions.Waiting(Running, ProgramPhase.Backoff, Now.AddSeconds(2), "crashed", "scheduled");
        var givenUp = ProgramTransitions.Waiting(Running, ProgramPhase.GivenUp, Now.AddMinutes(10), "crashed", "gave up");

        Assert.Equal((ProgramPhase.Backoff, (string?)null, 0, (DateTimeOffset?)Now.AddSeconds(2), 0), (backoff.Phase, backoff.Tag, backoff.Pid, backoff.NextLaunchAt, backoff.GiveUps));
        Assert.Equal(1, givenUp.GiveUps);
        Assert.Equal("crashed", givenUp.LastProblem);
    }

    [Fact]
    public void Stopped_runs_nothing_and_schedules_nothing()
    {
        var stopped = ProgramTransitions.Stopped(Running with { NextLaunchAt = Now }, "stopped: down/api exists");

        Assert.Equal((ProgramPhase.Stopped, (string?)null, 0, 0UL, (DateTimeOffset?)null), (stopped.Phase, stopped.Tag, stopped.Pid, stopped.PidStartTime, stopped.NextLaunchAt));
        Assert.Equal("stopped: down/api exists", stopped.LastResolution);
    }

    [Fact]
    public void Shut_down_keeps_the_tag_so_a_restarter_dying_half_way_kills_it_next_time()
    {
        var down = ProgramTransitions.ShutDown(Running, Now);

        Assert.Equal((ProgramPhase.Running, "old", 0, 0UL), (down.Phase, down.Tag, down.Pid, down.PidStartTime));
        Assert.Equal(Now, down.ShutDownAt);
    }

    [Fact]
    public void Counted_takes_the_decisions_restarts_and_ends_the_probation()
    {
        var decision = new RestartDecision(RestartKind.Delayed, TimeSpan.FromSeconds(1), [Now], [Now], 2, "relaunch scheduled");

        var counted = ProgramTransitions.Counted(Running with { OnProbation = true }, decision);

        Assert.Equal([Now], counted.Restarts);
        Assert.Equal(2, counted.BackoffAttempt);
        Assert.False(counted.OnProbation);
    }
}
