using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Watchdog.Heartbeat.Tests;

public sealed class HeartFailureTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly FakeTimeProvider _time = new();
    private readonly CapturingLogger _logger = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void A_vanished_directory_makes_beat_return_false_until_it_is_back()
    {
        var hearts = _root.Combine("hearts");
        Directory.CreateDirectory(hearts);
        var heart = NewHeart(hearts);
        Assert.True(heart.Beat());

        Directory.Delete(hearts, recursive: true);
        _time.Advance(heart.ThrottleInterval);
        Assert.False(heart.Beat());
        Assert.False(heart.Beat());

        Directory.CreateDirectory(hearts);
        _time.Advance(heart.ThrottleInterval);
        Assert.True(heart.Beat());
        Assert.Equal("30\n", HeartFiles.Content(Path.Combine(hearts, "api")));
    }

    [Fact]
    public void A_directory_that_never_existed_makes_the_first_beat_return_false()
    {
        var heart = NewHeart(_root.Combine("missing"));

        Assert.False(heart.Beat());

        Directory.CreateDirectory(_root.Combine("missing"));
        _time.Advance(heart.ThrottleInterval);
        Assert.True(heart.Beat());
    }

    [Fact]
    public void An_unwritable_directory_makes_beat_return_false_until_it_is_writable()
    {
        // Tests run as root, which ignores permission bits; a parent that is a regular file cannot be written by anyone.
        var hearts = _root.Combine("hearts");
        File.WriteAllText(hearts, "not a directory");
        var heart = NewHeart(hearts);

        Assert.False(heart.Beat());

        File.Delete(hearts);
        Directory.CreateDirectory(hearts);
        _time.Advance(heart.ThrottleInterval);
        Assert.True(heart.Beat());
    }

    [Fact]
    public void A_failed_beat_is_not_retried_before_the_throttle_interval()
    {
        var hearts = _root.Combine("hearts");
        var heart = NewHeart(hearts);
        Assert.False(heart.Beat());

        Directory.CreateDirectory(hearts);

        Assert.False(heart.Beat());
        Assert.False(File.Exists(Path.Combine(hearts, "api")));
    }

    [Fact]
    public void A_failure_is_logged_once_per_change_of_state()
    {
        var hearts = _root.Combine("hearts");
        Directory.CreateDirectory(hearts);
        var heart = NewHeart(hearts);
        Assert.True(heart.Beat());
        Assert.Equal(1, _logger.Count(LogLevel.Information));

        Directory.Delete(hearts, recursive: true);
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(heart.ThrottleInterval);
            Assert.False(heart.Beat());
        }

        Assert.Equal(1, _logger.Count(LogLevel.Warning));
        Assert.Contains(Path.Combine(hearts, "api"), _logger.Events[^1].Message, StringComparison.Ordinal);

        Directory.CreateDirectory(hearts);
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(heart.ThrottleInterval);
            Assert.True(heart.Beat());
        }

        Assert.Equal(2, _logger.Count(LogLevel.Information));
        Assert.Contains("beats again", _logger.Events[^1].Message, StringComparison.Ordinal);

        Directory.Delete(hearts, recursive: true);
        _time.Advance(heart.ThrottleInterval);
        Assert.False(heart.Beat());
        Assert.Equal(2, _logger.Count(LogLevel.Warning));
    }

    [Fact]
    public void A_throwing_logger_does_not_reach_the_caller()
    {
        var heart = new Heart(_root.Combine("missing"), "api", TimeSpan.FromSeconds(30), new HeartOptions { Logger = new ThrowingLogger(), TimeProvider = _time });

        Assert.False(heart.Beat());

        Directory.CreateDirectory(_root.Combine("missing"));
        _time.Advance(heart.ThrottleInterval);
        Assert.True(heart.Beat());
    }

    private Heart NewHeart(string directory) =>
        new(directory, "api", TimeSpan.FromSeconds(30), new HeartOptions { Logger = _logger, TimeProvider = _time });

    private sealed class ThrowingLogger : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            throw new InvalidOperationException("the log sink is broken");
    }
}
