using Microsoft.Extensions.Time.Testing;

namespace Watchdog.Heartbeat.Tests;

public sealed class HeartTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(30, "30\n")]
    [InlineData(2.5, "2.5\n")]
    [InlineData(7200, "7200\n")]
    public void First_beat_creates_the_file_with_the_timeout_as_content(double seconds, string content)
    {
        var heart = NewHeart("api", TimeSpan.FromSeconds(seconds));

        Assert.True(heart.Beat());

        Assert.Equal(content, HeartFiles.Content(_dir.Combine("api")));
        Assert.True(HeartFiles.IsRecent(_dir.Combine("api")));
    }

    [Fact]
    public void Nothing_is_written_before_the_first_beat()
    {
        _ = NewHeart("api", TimeSpan.FromSeconds(30));

        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void Later_beats_move_the_mtime()
    {
        var heart = NewHeart("api", TimeSpan.FromSeconds(30));
        var path = _dir.Combine("api");
        Assert.True(heart.Beat());
        HeartFiles.MakeOld(path);

        _time.Advance(heart.ThrottleInterval);
        Assert.True(heart.Beat());

        Assert.True(HeartFiles.IsRecent(path));
        Assert.Equal("30\n", HeartFiles.Content(path));
    }

    [Fact]
    public void Beats_within_the_throttle_interval_do_not_touch_the_file()
    {
        var heart = NewHeart("api", TimeSpan.FromSeconds(30));
        var path = _dir.Combine("api");
        Assert.Equal(TimeSpan.FromSeconds(7.5), heart.ThrottleInterval);
        Assert.True(heart.Beat());
        HeartFiles.MakeOld(path);

        _time.Advance(TimeSpan.FromSeconds(7.4));
        for (var i = 0; i < 1000; i++)
        {
            Assert.True(heart.Beat());
        }

        Assert.True(HeartFiles.IsOld(path));
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(heart.Beat());
        Assert.True(HeartFiles.IsRecent(path));
    }

    [Fact]
    public void A_configured_throttle_interval_replaces_the_default()
    {
        var heart = NewHeart("api", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
        var path = _dir.Combine("api");
        Assert.True(heart.Beat());
        HeartFiles.MakeOld(path);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(heart.Beat());

        Assert.True(HeartFiles.IsRecent(path));
    }

    [Fact]
    public void A_zero_throttle_interval_touches_the_file_on_every_beat()
    {
        var heart = NewHeart("api", TimeSpan.FromSeconds(30), TimeSpan.Zero);
        var path = _dir.Combine("api");
        Assert.True(heart.Beat());
        HeartFiles.MakeOld(path);

        Assert.True(heart.Beat());

        Assert.True(HeartFiles.IsRecent(path));
    }

    [Fact]
    public void A_timeout_change_rewrites_the_content_at_once()
    {
        var heart = NewHeart("api", TimeSpan.FromSeconds(30));
        var path = _dir.Combine("api");
        Assert.True(heart.Beat());

        Assert.True(heart.ChangeTimeout(TimeSpan.FromMinutes(10)));

        Assert.Equal("600\n", HeartFiles.Content(path));
        Assert.Equal(TimeSpan.FromMinutes(10), heart.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(150), heart.ThrottleInterval);
    }

    [Fact]
    public void First_beat_replaces_a_file_that_declares_another_timeout()
    {
        var path = _dir.Combine("api");
        File.WriteAllText(path, "10\n");
        var heart = NewHeart("api", TimeSpan.FromSeconds(2.5));

        Assert.True(heart.Beat());

        Assert.Equal("2.5\n", HeartFiles.Content(path));
    }

    [Fact]
    public void First_beat_only_touches_a_file_that_already_declares_the_timeout()
    {
        // A second name for the same inode shows whether the file was touched in place or replaced by a rename.
        var path = _dir.Combine("api");
        var alias = _dir.Combine("alias");
        File.WriteAllText(path, " 30 \n");
        HeartFiles.MakeOld(path);
        HeartFiles.HardLink(path, alias);
        var heart = NewHeart("api", TimeSpan.FromSeconds(30));

        Assert.True(heart.Beat());

        Assert.True(HeartFiles.IsRecent(alias));
        Assert.Equal(" 30 \n", HeartFiles.Content(path));
    }

    [Fact]
    public void A_heart_file_removed_behind_its_back_is_created_again()
    {
        var heart = NewHeart("api", TimeSpan.FromSeconds(30));
        var path = _dir.Combine("api");
        Assert.True(heart.Beat());
        File.Delete(path);

        _time.Advance(heart.ThrottleInterval);
        Assert.True(heart.Beat());

        Assert.Equal("30\n", HeartFiles.Content(path));
    }

    [Fact]
    public void No_temp_file_is_left_beside_the_heart()
    {
        var heart = NewHeart("api", TimeSpan.FromSeconds(30));
        Assert.True(heart.Beat());
        Assert.True(heart.ChangeTimeout(TimeSpan.FromSeconds(40)));

        Assert.Equal(["api"], Directory.EnumerateFileSystemEntries(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Several_hearts_keep_their_own_timeouts()
    {
        var requests = NewHeart("api", TimeSpan.FromSeconds(30));
        var hourly = NewHeart("api.hourly", TimeSpan.FromHours(2));

        Assert.True(requests.Beat());
        Assert.True(hourly.Beat());

        Assert.Equal("30\n", HeartFiles.Content(_dir.Combine("api")));
        Assert.Equal("7200\n", HeartFiles.Content(_dir.Combine("api.hourly")));
    }

    [Fact]
    public async Task Many_threads_beating_at_once_all_succeed()
    {
        var heart = NewHeart("api", TimeSpan.FromSeconds(30), TimeSpan.Zero);
        using var start = new Barrier(8);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            var ok = true;
            for (var i = 0; i < 2000; i++)
            {
                ok &= heart.Beat();
                if (i % 500 == 0)
                {
                    ok &= heart.ChangeTimeout(TimeSpan.FromSeconds(30 + (i / 500)));
                }
            }

            return ok;
        })));

        Assert.All(results, Assert.True);
        Assert.True(heart.ChangeTimeout(TimeSpan.FromSeconds(45)));
        Assert.Equal("45\n", HeartFiles.Content(_dir.Combine("api")));
        Assert.Equal(["api"], Directory.EnumerateFileSystemEntries(_dir.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0.0)]
    public void Beating_allocates_nothing(double? throttleSeconds)
    {
        var heart = NewHeart("api", TimeSpan.FromSeconds(30), throttleSeconds is { } s ? TimeSpan.FromSeconds(s) : null);
        Assert.True(heart.Beat());
        Assert.True(heart.Beat());

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            heart.Beat();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void The_path_is_absolute_and_named_after_the_heart()
    {
        var heart = NewHeart("api", TimeSpan.FromSeconds(30));

        Assert.Equal(_dir.Combine("api"), heart.FilePath);
        Assert.True(heart.IsSupervised);
        Assert.Equal("api", heart.Name);
    }

    private Heart NewHeart(string name, TimeSpan timeout, TimeSpan? throttle = null) =>
        new(_dir.Path, name, timeout, new HeartOptions { TimeProvider = _time, ThrottleInterval = throttle });
}
