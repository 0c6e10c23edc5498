using Restarter.Tests.Support;
using Watchdog.Common.Config;
using Watchdog.Common.State;
using Watchdog.Restarter.Supervision;

namespace Restarter.Tests.Supervision;

public sealed class RestartPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static readonly ProgramOptions Api = SupervisionRig.Program(
        "api",
        backoff: new BackoffOptions(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)),
        limit: new LimitOptions(5, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(10)));

    [Fact]
    public void First_restart_after_a_healthy_run_is_immediate()
    {
        var state = Running(launchedAgo: TimeSpan.FromMinutes(5)) with { BackoffAttempt = 4 };

        var decision = RestartPolicy.Decide(state, Api, Now, 0.5);

        Assert.Equal(RestartKind.Now, decision.Kind);
        Assert.Equal(1, decision.BackoffAttempt);
        Assert.Equal(Now, decision.Restarts[^1]);
    }

    [Fact]
    public void Failures_in_a_row_back_off_exponentially_from_initial_to_max()
    {
        var delays = Enumerable.Range(1, 12).Select(attempt => RestartPolicy.Delay(Api.Backoff, attempt, 0.5)).ToList();

        Assert.Equal(TimeSpan.FromMilliseconds(100), delays[0]);
        Assert.Equal(TimeSpan.FromMilliseconds(200), delays[1]);
        Assert.Equal(TimeSpan.FromMilliseconds(400), delays[2]);
        Assert.Equal(TimeSpan.FromSeconds(30), delays[^1]);
        Assert.All(delays.Zip(delays.Skip(1)), pair => Assert.True(pair.Second >= pair.First));
    }

    [Fact]
    public void Jitter_stays_between_initial_and_max()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(100), RestartPolicy.Delay(Api.Backoff, 1, 0.0));
        Assert.Equal(TimeSpan.FromSeconds(30), RestartPolicy.Delay(Api.Backoff, 20, 0.999));
        Assert.InRange(RestartPolicy.Delay(Api.Backoff, 4, 0.0).TotalMilliseconds, 639, 641);
        Assert.InRange(RestartPolicy.Delay(Api.Backoff, 4, 0.999).TotalMilliseconds, 959, 961);
    }

    [Fact]
    public void A_failure_soon_after_a_restart_is_delayed()
    {
        var state = Running(launchedAgo: TimeSpan.FromSeconds(2)) with { BackoffAttempt = 1, Restarts = [Now.AddSeconds(-2)] };

        var decision = RestartPolicy.Decide(state, Api, Now, 0.5);

        Assert.Equal(RestartKind.Delayed, decision.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(100), decision.Wait);
        Assert.Equal(2, decision.BackoffAttempt);
        Assert.Equal("relaunch scheduled in 0.1 s", decision.Reason);
    }

    [Fact]
    public void More_restarts_than_the_limit_within_the_window_give_up_for_the_cool_down()
    {
        var restarts = Enumerable.Range(1, 5).Select(i => Now.AddSeconds(-10 * i)).Reverse().ToList();
        var state = Running(launchedAgo: TimeSpan.FromSeconds(1)) with { BackoffAttempt = 5, Restarts = restarts };

        var decision = RestartPolicy.Decide(state, Api, Now, 0.5);

        Assert.Equal(RestartKind.GiveUp, decision.Kind);
        Assert.Equal(TimeSpan.FromMinutes(10), decision.Wait);
        Assert.StartsWith("gave up: 6 restarts within 1m (limit 5)", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Restarts_older_than_the_window_do_not_count_towards_the_limit()
    {
        var restarts = Enumerable.Range(1, 5).Select(i => Now.AddSeconds(-61 - i)).Reverse().ToList();
        var state = Running(launchedAgo: TimeSpan.FromSeconds(1)) with { BackoffAttempt = 5, Restarts = restarts };

        Assert.Equal(RestartKind.Delayed, RestartPolicy.Decide(state, Api, Now, 0.5).Kind);
    }

    [Fact]
    public void A_failure_on_probation_after_the_cool_down_gives_up_again()
    {
        var state = Running(launchedAgo: TimeSpan.FromSeconds(5)) with { OnProbation = true };

        Assert.Equal(RestartKind.GiveUp, RestartPolicy.Decide(state, Api, Now, 0.5).Kind);
    }

    [Fact]
    public void Probation_ends_after_a_healthy_run()
    {
        var state = Running(launchedAgo: TimeSpan.FromMinutes(2)) with { OnProbation = true };

        Assert.Equal(RestartKind.Now, RestartPolicy.Decide(state, Api, Now, 0.5).Kind);
    }

    private static ProgramState Running(TimeSpan launchedAgo) =>
        new("api", ProgramPhase.Running, "tag", 42, 7, Now - launchedAgo, [], 0, null, null, null);
}
