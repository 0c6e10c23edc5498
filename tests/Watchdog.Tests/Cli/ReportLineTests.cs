using Watchdog.Cli.Views;

namespace Watchdog.Tests.Cli;

public sealed class ReportLineTests
{
    [Fact]
    public void Line_in_the_protocol_form_is_split_into_time_detector_and_text()
    {
        var line = ReportLine.Parse("2026-11-22T10:15:03.412Z watchdog: heart 'api' silent for 31.0s (timeout 30s)");

        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 15, 3, 412, TimeSpan.Zero), line.At);
        Assert.Equal("watchdog", line.Detector);
        Assert.Equal("heart 'api' silent for 31.0s (timeout 30s)", line.Text);
    }

    [Fact]
    public void Byte_order_mark_from_an_editor_does_not_hide_the_time()
    {
        var line = ReportLine.Parse("\uFEFF2026-11-22T10:15:03.412Z operator: restart please");

        Assert.Equal("operator", line.Detector);
    }

    [Theory]
    [InlineData("restart it please")]
    [InlineData("2026-11-22T10:15:03.412Z restart it: please")]
    [InlineData("yesterday watchdog: silent")]
    public void Line_in_another_form_is_kept_whole_as_text(string text)
    {
        var line = ReportLine.Parse(text);

        Assert.Null(line.At);
        Assert.Null(line.Detector);
        Assert.Equal(text, line.Text);
    }
}
