using System.Globalization;

namespace Watchdog.Common.Protocol;

// A history entry's file name (DESIGN.md §2): `<yyyyMMddTHHmmss.fffZ>-<name>`, the stamp being the problem's
// first-noticed time in UTC. The name outlives any rewrite of the file's mtime, so it is the entry's age.
internal static class HistoryName
{
    private const string StampFormat = "yyyyMMdd'T'HHmmss.fff'Z'";
    private const int StampLength = 20;

    public static string Format(DateTimeOffset firstNoticed, string name) =>
        firstNoticed.UtcDateTime.ToString(StampFormat, CultureInfo.InvariantCulture) + "-" + name;

    // False for anything else in history/ (a dot-temp, a hand-made file, a name that breaks the name rule).
    public static bool TryParse(string fileName, out DateTimeOffset firstNoticed, out string name)
    {
        firstNoticed = default;
        name = string.Empty;
        if (fileName.Length <= StampLength + 1 || fileName[StampLength] != '-' || !Names.IsValid(fileName.AsSpan(StampLength + 1))
            || !DateTimeOffset.TryParseExact(
                fileName.AsSpan(0, StampLength),
                StampFormat,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out firstNoticed))
        {
            return false;
        }

        name = fileName[(StampLength + 1)..];
        return true;
    }
}
