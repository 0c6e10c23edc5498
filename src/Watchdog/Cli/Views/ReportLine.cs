using System.Globalization;

namespace Watchdog.Cli.Views;

// One line of a problem or history file, split into `<ISO-8601 UTC> <detector>: <text>` when it has that form
// (At and Detector are null for a line written by hand in another form; Text is then the whole line).
internal sealed record ReportLine(DateTimeOffset? At, string? Detector, string Text, string Raw)
{
    public static ReportLine Parse(string raw)
    {
        // A file saved by an editor may start with a byte-order mark; it is not part of the time.
        var line = raw.TrimStart('\uFEFF');
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0
            && DateTimeOffset.TryParse(line.AsSpan(0, space), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            && line.IndexOf(": ", space, StringComparison.Ordinal) is var colon and > 0
            && !line.AsSpan(space + 1, colon - space - 1).Contains(' '))
        {
            return new ReportLine(at, line[(space + 1)..colon], line[(colon + 2)..], raw);
        }

        return new ReportLine(null, null, line, raw);
    }

    // The line without its timestamp, as a person reads it: `watchdog: heart 'api' silent for 31.0s`.
    public string Summary => Detector is null ? Text : $"{Detector}: {Text}";
}
