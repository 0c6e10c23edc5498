using System.Globalization;

namespace Watchdog.Common.Protocol;

// One report in a problem file: `<ISO-8601 UTC> <detector>: <what was seen>` (DESIGN.md §2).
internal static class ProblemLine
{
    public static string Format(DateTimeOffset at, string detector, string text) =>
        string.Create(CultureInfo.InvariantCulture, $"{Timestamp(at)} {detector}: {Flatten(text)}\n");

    public static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    // A line without its time stamp: `<detector>: <what was seen>`.
    public static string WithoutTimestamp(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 ? line[(space + 1)..] : line;
    }

    // One report is one line, whatever a hook or a program printed.
    private static string Flatten(string text) => text.ReplaceLineEndings(" ").Trim();
}
