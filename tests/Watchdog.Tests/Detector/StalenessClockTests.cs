using Watchdog.Detector;

namespace Watchdog.Tests.Detector;

public sealed class StalenessClockTests
{
    private static readonly Instant Start = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(3));
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void Beat_seen_late_is_dated_by_the_wall_clock_when_the_clocks_agree()
    {
        var clock = default(StalenessClock);
        clock.Observe(Start.Wall, Start);
        var now = Start.Add(TimeSpan.FromSeconds(1));

        clock.Observe(Start.Wall + TimeSpan.FromSeconds(0.2), now);

        Assert.Equal(TimeSpan.FromSeconds(0.8), clock.MonotonicAge(now));
        Assert.Equal(TimeSpan.FromSeconds(9.2), clock.TimeUntilOlderThan(Timeout, now));
    }

    [Fact]
    public void Beat_stamped_before_the_previous_look_is_dated_no_earlier_than_that_look()
    {
        var clock = default(StalenessClock);
        clock.Observe(Start.Wall, Start);
        var now = Start.Add(TimeSpan.FromSeconds(1)) with { Wall = Start.Wall - TimeSpan.FromHours(1) };

        clock.Observe(now.Wall - TimeSpan.FromMinutes(30), now);

        Assert.Equal(TimeSpan.FromSeconds(1), clock.MonotonicAge(now));
        Assert.False(clock.IsOlderThan(Timeout, now.Add(TimeSpan.FromSeconds(8))));
    }

    [Fact]
    public void Mtime_in_the_future_waits_for_the_wall_clock()
    {
        var clock = default(StalenessClock);
        clock.Observe(Start.Wall + TimeSpan.FromSeconds(20), Start);

        Assert.Equal(TimeSpan.FromSeconds(30), clock.TimeUntilOlderThan(Timeout, Start));
        Assert.False(clock.IsOlderThan(Timeout, Start.Add(TimeSpan.FromSeconds(30))));
        Assert.True(clock.IsOlderThan(Timeout, Start.Add(TimeSpan.FromSeconds(30.001))));
    }
}
