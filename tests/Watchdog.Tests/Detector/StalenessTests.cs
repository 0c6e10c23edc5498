namespace Watchdog.Tests.Detector;

public sealed class StalenessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void Fresh_heart_is_not_marked()
    {
        using var s = new DetectorScenario();
        s.Heart("api", "30", TimeSpan.FromSeconds(10));

        var summary = s.Scan();

        Assert.Equal(1, summary.Hearts);
        Assert.Equal(0, summary.StaleHearts);
        Assert.False(s.HasProblem("api"));
    }

    [Fact]
    public void Heart_that_stops_beating_is_marked_after_its_timeout()
    {
        using var s = new DetectorScenario();
        s.Heart("api", "30", TimeSpan.Zero);
        s.Scan();
        s.Advance(TimeSpan.FromSeconds(29));
        s.Scan();
        Assert.False(s.HasProblem("api"));

        s.Advance(TimeSpan.FromSeconds(2));
        var summary = s.Scan();

        Assert.Equal(1, summary.StaleHearts);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z watchdog: heart 'api' silent for 31\.0s \(timeout 30s\)\n$", s.ProblemText("api"));
        Assert.Equal(s.Now.Wall.UtcDateTime, File.GetLastWriteTimeUtc(s.Layout.Problem("api")));
    }

    [Fact]
    public void Heart_exactly_at_its_deadline_is_fresh_and_a_tick_later_stale()
    {
        using var s = new DetectorScenario();
        s.Heart("api", "30", TimeSpan.Zero);
        s.Scan();

        s.Advance(Timeout);
        s.Scan();
        Assert.False(s.HasProblem("api"));

        s.Advance(TimeSpan.FromTicks(1));
        s.Scan();
        Assert.True(s.HasProblem("api"));
    }

    [Fact]
    public void Beating_heart_is_never_marked()
    {
        using var s = new DetectorScenario();
        s.Heart("api", "2.5", TimeSpan.Zero);
        for (var i = 0; i < 20; i++)
        {
            s.Advance(TimeSpan.FromSeconds(2));
            s.Beat("api");
            s.Scan();
        }

        Assert.False(s.HasProblem("api"));
    }

    [Fact]
    public void First_sight_of_an_old_heart_marks_it_at_once()
    {
        using var s = new DetectorScenario();
        s.Heart("api", "30", TimeSpan.FromMinutes(10));

        s.Scan();

        Assert.Contains("silent for 600.0s", s.ProblemText("api"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public void Wall_clock_step_of_an_hour_marks_nothing(int direction)
    {
        using var s = new DetectorScenario();
        s.Heart("api", "30", TimeSpan.FromSeconds(5));
        s.Heart("batch", "7200", TimeSpan.FromMinutes(20));
        s.Scan();

        s.StepWallClock(TimeSpan.FromHours(direction));
        for (var i = 0; i < 20; i++)
        {
            s.Advance(TimeSpan.FromSeconds(1));
            s.Scan();
        }

        Assert.Empty(Directory.GetFiles(s.Layout.Problems));
    }

    [Fact]
    public void After_a_forward_step_a_heart_is_still_marked_once_its_own_timeout_has_passed()
    {
        using var s = new DetectorScenario();
        s.Heart("api", "30", TimeSpan.Zero);
        s.Scan();
        s.StepWallClock(TimeSpan.FromHours(1));
        s.Advance(TimeSpan.FromSeconds(29));
        s.Scan();
        Assert.False(s.HasProblem("api"));

        s.Advance(TimeSpan.FromSeconds(2));
        s.Scan();

        Assert.True(s.HasProblem("api"));
    }

    [Fact]
    public void Heart_with_an_mtime_in_the_future_is_fresh_until_then_plus_its_timeout()
    {
        using var s = new DetectorScenario();
        s.Heart("api", "30", TimeSpan.FromSeconds(-20));
        s.Scan();

        s.Advance(TimeSpan.FromSeconds(50));
        s.Scan();
        Assert.False(s.HasProblem("api"));

        s.Advance(TimeSpan.FromMilliseconds(1));
        s.Scan();
        Assert.True(s.HasProblem("api"));
    }

    [Fact]
    public void Next_deadline_is_the_earliest_heart_to_go_stale()
    {
        using var s = new DetectorScenario(DetectorScenario.Defaults with { MaxInterval = TimeSpan.FromSeconds(10) });
        s.Heart("slow", "30", TimeSpan.Zero);
        s.Heart("quick", "2", TimeSpan.FromSeconds(0.5));

        var summary = s.Scan();

        Assert.Equal(TimeSpan.FromSeconds(1.5), summary.NextDeadline);
    }

    [Fact]
    public void Next_deadline_is_capped_by_max_interval_so_new_hearts_are_seen()
    {
        using var s = new DetectorScenario();
        s.Heart("slow", "300", TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(1), s.Scan().NextDeadline);
    }

    [Fact]
    public void Own_heart_is_never_judged()
    {
        using var s = new DetectorScenario();
        s.Heart("watchdog", "10", TimeSpan.FromHours(2));

        var summary = s.Scan();

        Assert.Equal(1, summary.Hearts);
        Assert.False(s.HasProblem("watchdog"));
    }

    [Fact]
    public void Restarter_heart_is_judged_like_any_other()
    {
        using var s = new DetectorScenario();
        s.Heart("restarter", "10", TimeSpan.FromSeconds(11));

        s.Scan();

        Assert.True(s.HasProblem("restarter"));
    }

    [Fact]
    public void Heart_that_is_reset_after_its_problem_is_solved_is_fresh_again()
    {
        using var s = new DetectorScenario();
        s.Heart("api", "30", TimeSpan.FromSeconds(31));
        s.Scan();
        Assert.True(s.HasProblem("api"));

        s.Beat("api");
        File.Delete(s.Layout.Problem("api"));
        s.Advance(TimeSpan.FromSeconds(1));
        s.Scan();

        Assert.False(s.HasProblem("api"));
    }
}
