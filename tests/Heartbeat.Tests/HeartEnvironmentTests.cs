using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Watchdog.Heartbeat.Tests;

public sealed class HeartEnvironmentTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new();
    private readonly CapturingLogger _logger = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_first_heart_comes_from_the_environment()
    {
        var heart = FromEnvironment(new() { ["WATCHDOG_HEARTS"] = _dir.Path, ["WATCHDOG_HEART"] = "api", ["WATCHDOG_HEART_TIMEOUT"] = "12.5" });

        Assert.True(heart.Beat());

        Assert.Equal("api", heart.Name);
        Assert.Equal(TimeSpan.FromSeconds(12.5), heart.Timeout);
        Assert.Equal("12.5\n", HeartFiles.Content(_dir.Combine("api")));
    }

    [Fact]
    public void Without_a_timeout_variable_the_default_timeout_is_used()
    {
        var heart = FromEnvironment(new() { ["WATCHDOG_HEARTS"] = _dir.Path, ["WATCHDOG_HEART"] = "api" });

        Assert.Equal(Heart.DefaultTimeout, heart.Timeout);
    }

    [Fact]
    public void Another_heart_uses_the_hearts_directory_and_its_own_timeout()
    {
        var variables = new Dictionary<string, string> { ["WATCHDOG_HEARTS"] = _dir.Path, ["WATCHDOG_HEART"] = "api", ["WATCHDOG_HEART_TIMEOUT"] = "30" };
        var heart = Heart.Resolve(Lookup(variables), directory: null, "api.hourly", TimeSpan.FromHours(2), Options());

        Assert.True(heart.Beat());

        Assert.Equal("7200\n", HeartFiles.Content(_dir.Combine("api.hourly")));
    }

    [Fact]
    public void An_unsupervised_heart_does_nothing_and_says_so_once()
    {
        var heart = FromEnvironment([]);

        for (var i = 0; i < 10; i++)
        {
            Assert.True(heart.Beat());
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.True(heart.ChangeTimeout(TimeSpan.FromMinutes(5)));
        Assert.False(heart.IsSupervised);
        Assert.Null(heart.FilePath);
        var entry = Assert.Single(_logger.Events);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Contains("WATCHDOG_HEARTS", entry.Message, StringComparison.Ordinal);
        Assert.Equal("This program is not supervised (WATCHDOG_HEARTS is not set): beating its heart does nothing", entry.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void A_heart_name_without_a_hearts_directory_is_still_unsupervised()
    {
        var heart = FromEnvironment(new() { ["WATCHDOG_HEART"] = "api", ["WATCHDOG_HEART_TIMEOUT"] = "30" });

        Assert.False(heart.IsSupervised);
        Assert.Equal("api", heart.Name);
        Assert.True(heart.Beat());
        Assert.Contains("Heart api is not supervised", Assert.Single(_logger.Events).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api", "30s")]
    [InlineData("api", "0")]
    [InlineData("api", "-5")]
    [InlineData("../api", "30")]
    [InlineData(null, "30")]
    public void A_malformed_environment_fails_loudly(string? name, string timeout)
    {
        var variables = new Dictionary<string, string> { ["WATCHDOG_HEARTS"] = _dir.Path, ["WATCHDOG_HEART_TIMEOUT"] = timeout };
        if (name is not null)
        {
            variables["WATCHDOG_HEART"] = name;
        }

        var error = Assert.Throws<InvalidOperationException>(() => FromEnvironment(variables));

        Assert.Contains("WATCHDOG_HEART", error.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Lookup(Dictionary<string, string> variables) =>
        name => variables.GetValueOrDefault(name);

    private Heart FromEnvironment(Dictionary<string, string> variables) =>
        Heart.Resolve(Lookup(variables), directory: null, name: null, timeout: null, Options());

    private HeartOptions Options() => new() { Logger = _logger, TimeProvider = _time };
}
