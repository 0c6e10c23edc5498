using System.Text;
using Watchdog.Common.Protocol;

namespace Watchdog.Tests.Protocol;

public sealed class HeartTimeoutTests
{
    [Theory]
    [InlineData("30", 30)]
    [InlineData("2.5\n", 2.5)]
    [InlineData("  \t 10 \r\n", 10)]
    [InlineData("2678400", 2678400)]
    public void Valid_content_is_the_timeout_in_seconds(string content, double seconds)
    {
        Assert.True(HeartTimeout.TryParse(Encoding.ASCII.GetBytes(content), out var timeout));
        Assert.Equal(seconds, timeout.TotalSeconds, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("30s")]
    [InlineData("2678401")]
    [InlineData("1.2.3")]
    [InlineData("\u00001")]
    public void Invalid_content_is_rejected(string content)
    {
        Assert.False(HeartTimeout.TryParse(Encoding.UTF8.GetBytes(content), out _));
    }

    [Fact]
    public void Huge_content_is_rejected_without_parsing()
    {
        Assert.False(HeartTimeout.TryParse(Encoding.ASCII.GetBytes(new string('1', 100)), out _));
    }

    [Fact]
    public void Encode_round_trips()
    {
        Assert.True(HeartTimeout.TryParse(HeartTimeout.Encode(TimeSpan.FromSeconds(2.5)), out var timeout));
        Assert.Equal(TimeSpan.FromSeconds(2.5), timeout);
    }
}
