using Watchdog.Cli.Views;

namespace Watchdog.Cli.Json;

// One report line; At and Detector are null for a line not in the `<time> <detector>: <text>` form.
internal sealed record LineJson(string? At, string? Detector, string Text)
{
    public static LineJson From(ReportLine line) => new(JsonValues.Time(line.At), line.Detector, line.Text);
}
