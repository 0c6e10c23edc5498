using Watchdog.Common.Protocol;

namespace Watchdog.Tests.Protocol;

public sealed class HistoryNameTests
{
    private static readonly DateTimeOffset Noticed = new(2026, 11, 22, 10, 15, 3, 412, TimeSpan.Zero);

    [Fact]
    public void A_history_name_is_the_utc_first_noticed_stamp_then_the_name()
    {
        Assert.Equal("20261122T101503.412Z-api.hourly", HistoryName.Format(Noticed.ToOffset(TimeSpan.FromHours(2)), "api.hourly"));
    }

    [Fact]
    public void Parse_reads_back_what_format_wrote()
    {
        Assert.True(HistoryName.TryParse(HistoryName.Format(Noticed, "api"), out var stamp, out var name));
        Assert.Equal(Noticed, stamp);
        Assert.Equal("api", name);
    }

    [Theory]
    [InlineData("20261122T101503.412Z-")]
    [InlineData("20261122T101503.412Z_api")]
    [InlineData("20261322T101503.412Z-api")]
    [InlineData("20261122T101503.412Z-.api.restarter.1.ff.tmp")]
    [InlineData("api")]
    [InlineData("")]
    public void Anything_else_in_history_is_not_a_history_name(string fileName)
    {
        Assert.False(HistoryName.TryParse(fileName, out _, out _));
    }
}
