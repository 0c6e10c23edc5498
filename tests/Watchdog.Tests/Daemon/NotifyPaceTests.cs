using Watchdog.Daemon;
using Watchdog.Detector;

namespace Watchdog.Tests.Daemon;

public sealed class NotifyPaceTests
{
    private static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(5);

    [Fact]
    public void First_pass_sends_ready_with_the_status_and_the_first_ping()
    {
        var pace = new NotifyPace(TimeSpan.FromMilliseconds(400), MaxInterval);

        var (notification, _) = pace.After(Summary(2, 0, TimeSpan.FromSeconds(3)), TimeSpan.Zero);

        Assert.Equal("READY=1\nSTATUS=2 hearts, 0 problems\nWATCHDOG=1", notification);
        Assert.True(pace.IsReady);
    }

    [Fact]
    public void Status_is_sent_again_only_when_it_changes()
    {
        var pace = new NotifyPace(null, MaxInterval);
        pace.After(Summary(2, 0, MaxInterval), TimeSpan.Zero);

        Assert.Null(pace.After(Summary(2, 0, MaxInterval), TimeSpan.FromSeconds(1)).Notification);
        Assert.Equal("STATUS=1 heart, 1 problem", pace.After(Summary(1, 1, MaxInterval), TimeSpan.FromSeconds(2)).Notification);
        Assert.Null(pace.After(Summary(1, 1, MaxInterval), TimeSpan.FromSeconds(3)).Notification);
    }

    [Fact]
    public void Ping_is_sent_once_per_interval_and_the_sleep_never_passes_the_next_one()
    {
        var pace = new NotifyPace(TimeSpan.FromMilliseconds(400), MaxInterval);
        pace.After(Summary(1, 0, MaxInterval), TimeSpan.Zero);

        var early = pace.After(Summary(1, 0, MaxInterval), TimeSpan.FromMilliseconds(100));
        var due = pace.After(Summary(1, 0, MaxInterval), TimeSpan.FromMilliseconds(400));

        Assert.Null(early.Notification);
        Assert.Equal(TimeSpan.FromMilliseconds(300), early.Sleep);
        Assert.Equal("WATCHDOG=1", due.Notification);
        Assert.Equal(TimeSpan.FromMilliseconds(400), due.Sleep);
    }

    [Fact]
    public void Sleep_ends_just_past_the_next_deadline_within_max_interval()
    {
        var pace = new NotifyPace(null, MaxInterval);

        Assert.Equal(TimeSpan.FromMilliseconds(1501), pace.After(Summary(1, 0, TimeSpan.FromMilliseconds(1500)), TimeSpan.Zero).Sleep);
        Assert.Equal(NotifyPace.Margin, pace.After(Summary(1, 1, TimeSpan.FromSeconds(-2)), TimeSpan.Zero).Sleep);
        Assert.Equal(MaxInterval, pace.After(Summary(1, 1, TimeSpan.FromHours(1)), TimeSpan.Zero).Sleep);
    }

    [Fact]
    public void Without_a_watchdog_interval_no_ping_is_ever_sent()
    {
        var pace = new NotifyPace(null, MaxInterval);

        Assert.Equal("READY=1\nSTATUS=0 hearts, 0 problems", pace.After(Summary(0, 0, MaxInterval), TimeSpan.Zero).Notification);
        Assert.Null(pace.After(Summary(0, 0, MaxInterval), TimeSpan.FromHours(1)).Notification);
    }

    private static ScanSummary Summary(int hearts, int problems, TimeSpan next) => new(hearts, 0, problems, next);
}
