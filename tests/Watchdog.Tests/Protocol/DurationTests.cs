using Watchdog.Common.Protocol;

namespace Watchdog.Tests.Protocol;

public sealed class DurationTests
{
    [Theory]
    [InlineData("250ms", 0.25)]
    [InlineData("30s", 30)]
    [InlineData("10m", 600)]
    [InlineData("2h", 7200)]
    [InlineData("7d", 604800)]
    [InlineData("2.5", 2.5)]
    [InlineData(" 45 ", 45)]
    [InlineData("1.5 s", 1.5)]
    public void Documented_forms_parse(string text, double seconds)
    {
        Assert.True(Duration.TryParse(text, out var value));
        Assert.Equal(seconds, value.TotalSeconds, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("forever")]
    [InlineData("1e3")]
    [InlineData("NaN")]
    [InlineData("-5s")]
    [InlineData("10y")]
    [InlineData("99999999999999999999d")]
    public void Anything_else_is_rejected(string text)
    {
        Assert.False(Duration.TryParse(text, out _));
    }

    [Theory]
    [InlineData(30, "30s")]
    [InlineData(0.25, "250ms")]
    [InlineData(600, "10m")]
    [InlineData(7200, "2h")]
    [InlineData(2.5, "2.5s")]
    public void Format_gives_the_shortest_form(double seconds, string expected)
    {
        Assert.Equal(expected, Duration.Format(TimeSpan.FromSeconds(seconds)));
    }
}
