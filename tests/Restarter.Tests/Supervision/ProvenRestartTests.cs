using Microsoft.Extensions.Time.Testing;
using Restarter.Tests.Support;
using Watchdog.Common.Config;
using Watchdog.Common.State;
using Watchdog.Restarter.Supervision;

namespace Restarter.Tests.Supervision;

// Proven by its heart (DESIGN.md §4.6): the pure rule, on a fake clock.
public sealed class ProvenRestartTests
{
    private static readonly ProgramOptions Api = SupervisionRig.Program(
        "api",
        startupGrace: TimeSpan.FromSeconds(10),
        limit: new LimitOptions(5, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(10)));

    private static readonly ProgramOptions Heartless = Api with { Hearts = [] };

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_heart_beaten_after_its_reset_proves_the_launch()
    {
        var state = Launched();
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.True(RestartPolicy.Proved(state, Api, [time.GetUtcNow() - TimeSpan.FromSeconds(1)], time.GetUtcNow()));
    }

    [Fact]
    public void A_heart_still_at_its_reset_mtime_or_older_than_the_launch_proves_nothing()
    {
        var state = Launched();
        time.Advance(TimeSpan.FromSeconds(30));
        var now = time.GetUtcNow();

        Assert.False(RestartPolicy.Proved(state, Api, [state.HeartsSetTo!.Value], now));
        Assert.False(RestartPolicy.Proved(state, Api, [state.LaunchedAt!.Value - TimeSpan.FromSeconds(1)], now));
        Assert.False(RestartPolicy.Proved(state, Api, [], now));
        Assert.False(RestartPolicy.Proved(state with { HeartsSetTo = null }, Api, [now - TimeSpan.FromSeconds(1)], now));
    }

    [Fact]
    public void Without_hearts_a_run_past_startup_grace_proves_the_launch_and_a_zero_grace_still_needs_a_second()
    {
        var state = Launched();
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(RestartPolicy.Proved(state, Heartless, [], time.GetUtcNow()));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(RestartPolicy.Proved(state, Heartless, [], time.GetUtcNow()));

        var noGrace = Heartless with { StartupGrace = TimeSpan.Zero };
        Assert.False(RestartPolicy.Proved(Launched(), noGrace, [], time.GetUtcNow() + TimeSpan.FromMilliseconds(999)));
        Assert.True(RestartPolicy.Proved(Launched(), noGrace, [], time.GetUtcNow() + TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void A_proven_failure_is_relaunched_at_once_and_does_not_count_towards_the_limit()
    {
        var now = time.GetUtcNow();
        var early = Enumerable.Range(1, 5).Select(i => now - TimeSpan.FromSeconds(i * 5)).Reverse().ToList();
        var state = Launched() with { BackoffAttempt = 4, Restarts = early, EarlyFailures = early };

        var decision = RestartPolicy.Decide(state, Api, now, 0.5, proven: true);

        Assert.Equal(RestartKind.Now, decision.Kind);
        Assert.Equal(1, decision.BackoffAttempt);
        Assert.Equal(now, decision.Restarts[^1]);
        Assert.Equal(early, decision.EarlyFailures);
        Assert.Equal(RestartKind.GiveUp, RestartPolicy.Decide(state, Api, now, 0.5, proven: false).Kind);
    }

    [Fact]
    public void Failures_of_launches_that_keep_proving_themselves_are_never_slowed_or_given_up()
    {
        var state = Launched();
        for (var i = 0; i < 50; i++)
        {
            time.Advance(TimeSpan.FromSeconds(2));
            var decision = RestartPolicy.Decide(state, Api, time.GetUtcNow(), 0.5, proven: true);
            Assert.Equal(RestartKind.Now, decision.Kind);
            state = ProgramTransitions.Counted(state, decision) with { LaunchedAt = time.GetUtcNow() };
        }

        Assert.Empty(state.EarlyFailures!);
        Assert.Equal(50, state.Restarts.Count);
    }

    [Fact]
    public void An_unproven_failure_after_proven_ones_backs_off_from_the_start()
    {
        var state = ProgramTransitions.Counted(Launched(), RestartPolicy.Decide(Launched(), Api, time.GetUtcNow(), 0.5, proven: true));

        var decision = RestartPolicy.Decide(state, Api, time.GetUtcNow(), 0.5, proven: false);

        Assert.Equal(RestartKind.Delayed, decision.Kind);
        Assert.Equal(Api.Backoff.Initial, decision.Wait);
        Assert.Equal([time.GetUtcNow()], decision.EarlyFailures);
    }

    [Fact]
    public void A_state_file_from_before_the_rule_counts_its_recorded_restarts_towards_the_limit()
    {
        var now = time.GetUtcNow();
        var restarts = Enumerable.Range(1, 5).Select(i => now - TimeSpan.FromSeconds(i)).Reverse().ToList();
        var old = Launched() with { BackoffAttempt = 5, Restarts = restarts, EarlyFailures = null };

        Assert.Equal(RestartKind.GiveUp, RestartPolicy.Decide(old, Api, now, 0.5).Kind);
    }

    [Fact]
    public void A_proven_retry_after_the_cool_down_ends_the_probation_without_a_give_up()
    {
        var state = Launched() with { OnProbation = true };
        time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(RestartKind.GiveUp, RestartPolicy.Decide(state, Api, time.GetUtcNow(), 0.5).Kind);
        Assert.Equal(RestartKind.Now, RestartPolicy.Decide(state, Api, time.GetUtcNow(), 0.5, proven: true).Kind);
    }

    private ProgramState Launched() =>
        new("api", ProgramPhase.Running, "tag", 42, 7, time.GetUtcNow(), [], 1, null, null, null) { HeartsSetTo = time.GetUtcNow() + Api.StartupGrace };
}
