using System.Globalization;

namespace Watchdog.Common.Protocol;

// One report in a problem file: `<ISO-8601 UTC> <detector>: <what was seen>` (DESIGN.md §2).
internal static class ProblemLine
{
    public static string Format(DateTimeOffset at, string detector, string text) =>
        string.Create(CultureInfo.InvariantCulture, $"{Timestamp(at)} {detector}: {Flatten(text)}\n");

    public static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    // The history stamp: the first-noticed time as `yyyyMMddTHHmmss.fffZ`.
    public static string HistoryStamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss.fff'Z'", CultureInfo.InvariantCulture);

    // One report is one line, whatever a hook or a program printed.
    private static string Flatten(string text) => text.ReplaceLineEndings(" ").Trim();
}
