namespace Watchdog.Heartbeat.Tests;

public sealed class HeartValidationTests
{
    [Theory]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("-api")]
    [InlineData("_api")]
    [InlineData("a/b")]
    [InlineData("../api")]
    [InlineData("a b")]
    [InlineData("café")]
    [InlineData("api:1")]
    public void Invalid_names_are_rejected_with_a_clear_message(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => new Heart("/tmp", name, TimeSpan.FromSeconds(30)));

        Assert.Contains("not a valid heart name", error.Message, StringComparison.Ordinal);
        Assert.Equal("name", error.ParamName);
    }

    [Fact]
    public void A_name_longer_than_128_characters_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new Heart("/tmp", new string('a', 129), TimeSpan.FromSeconds(30)));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("api.hourly")]
    [InlineData("A_1-b.c")]
    [InlineData("9lives")]
    public void Valid_names_are_accepted(string name)
    {
        Assert.Equal(name, new Heart("/tmp", name, TimeSpan.FromSeconds(30)).Name);
        Assert.Equal(128, new Heart("/tmp", new string('a', 128), TimeSpan.FromSeconds(30)).Name.Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(2678401)]
    public void Timeouts_outside_the_protocol_range_are_rejected(double seconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Heart("/tmp", "api", TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void A_throttle_interval_as_long_as_the_timeout_is_rejected()
    {
        var options = new HeartOptions { ThrottleInterval = TimeSpan.FromSeconds(30) };

        Assert.Throws<ArgumentOutOfRangeException>(() => new Heart("/tmp", "api", TimeSpan.FromSeconds(30), options));
    }

    [Fact]
    public void A_timeout_change_below_the_configured_throttle_interval_is_rejected()
    {
        var heart = new Heart("/tmp", "api", TimeSpan.FromSeconds(30), new HeartOptions { ThrottleInterval = TimeSpan.FromSeconds(5) });

        Assert.Throws<ArgumentOutOfRangeException>(() => heart.ChangeTimeout(TimeSpan.FromSeconds(5)));
        Assert.Equal(TimeSpan.FromSeconds(30), heart.Timeout);
    }
}
