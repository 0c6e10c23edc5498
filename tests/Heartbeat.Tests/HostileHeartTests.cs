using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Watchdog.Heartbeat.Tests;

// Issue 14 §6–7: whatever is planted in hearts/, a beat never follows a symlink, never opens or waits on a fifo,
// and says once what it refused.
public sealed class HostileHeartTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly TempDirectory _outside = new();
    private readonly FakeTimeProvider _time = new();
    private readonly CapturingLogger _logger = new();

    public void Dispose()
    {
        _root.Dispose();
        _outside.Dispose();
    }

    [Fact]
    public async Task A_fifo_in_place_of_the_heart_never_blocks_the_beat_and_is_refused()
    {
        var hearts = Hearts();
        SpecialFiles.MakeFifo(Path.Combine(hearts, "api"));
        var heart = NewHeart(hearts);

        Assert.False(await SpecialFiles.WithinDeadlineAsync(heart.Beat));

        Assert.Contains("not a regular file", _logger.Events[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fifo_that_replaces_a_declared_heart_never_blocks_later_beats()
    {
        var hearts = Hearts();
        var heart = NewHeart(hearts);
        Assert.True(heart.Beat());
        File.Delete(Path.Combine(hearts, "api"));
        SpecialFiles.MakeFifo(Path.Combine(hearts, "api"));

        _time.Advance(heart.ThrottleInterval);
        Assert.False(await SpecialFiles.WithinDeadlineAsync(heart.Beat));
        Assert.False(await SpecialFiles.WithinDeadlineAsync(() => heart.ChangeTimeout(TimeSpan.FromSeconds(60))));
    }

    [Fact]
    public void A_symlink_in_place_of_the_heart_is_refused_and_its_target_is_untouched()
    {
        var hearts = Hearts();
        var secret = SpecialFiles.Secret(_outside.Path);
        File.CreateSymbolicLink(Path.Combine(hearts, "api"), secret);
        var heart = NewHeart(hearts);

        Assert.False(heart.Beat());
        Assert.False(heart.ChangeTimeout(TimeSpan.FromSeconds(60)));

        Assert.True(SpecialFiles.IsUntouched(secret));
        Assert.Equal(secret, new FileInfo(Path.Combine(hearts, "api")).LinkTarget);
        Assert.Contains("symbolic link", _logger.Events[^1].Message, StringComparison.Ordinal);
        Assert.Equal(1, _logger.Count(LogLevel.Warning));
    }

    [Fact]
    public void A_symlink_that_replaces_a_declared_heart_is_never_touched_through()
    {
        var hearts = Hearts();
        var secret = SpecialFiles.Secret(_outside.Path);
        var heart = NewHeart(hearts);
        Assert.True(heart.Beat());
        File.Delete(Path.Combine(hearts, "api"));
        File.CreateSymbolicLink(Path.Combine(hearts, "api"), secret);

        _time.Advance(heart.ThrottleInterval);
        Assert.False(heart.Beat());

        Assert.True(SpecialFiles.IsUntouched(secret));
    }

    [Fact]
    public void A_symlinked_hearts_directory_is_refused_and_nothing_is_written_through_it()
    {
        var hearts = _root.Combine("hearts");
        File.CreateSymbolicLink(hearts, _outside.Path);
        var heart = NewHeart(hearts);

        Assert.False(heart.Beat());

        Assert.Empty(Directory.EnumerateFileSystemEntries(_outside.Path));
        Assert.True(_logger.Events[^1].Message.Contains("the hearts directory " + hearts, StringComparison.Ordinal), _logger.Events[^1].Message);
        Assert.Contains("symbolic link", _logger.Events[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fifo_in_place_of_the_hearts_directory_never_blocks_the_beat()
    {
        var hearts = _root.Combine("hearts");
        SpecialFiles.MakeFifo(hearts);
        var heart = NewHeart(hearts);

        Assert.False(await SpecialFiles.WithinDeadlineAsync(heart.Beat));
        Assert.Contains("not a directory", _logger.Events[^1].Message, StringComparison.Ordinal);
    }

    private string Hearts()
    {
        var hearts = _root.Combine("hearts");
        Directory.CreateDirectory(hearts);
        return hearts;
    }

    private Heart NewHeart(string directory) =>
        new(directory, "api", TimeSpan.FromSeconds(30), new HeartOptions { Logger = _logger, TimeProvider = _time });
}
