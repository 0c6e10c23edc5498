using System.Globalization;

namespace Watchdog.Common.Protocol;

// Durations as the config and heart files write them: `250ms`, `30s`, `10m`, `2h`, `7d`, or bare seconds (`2.5`).
internal static class Duration
{
    public static bool TryParse(ReadOnlySpan<char> text, out TimeSpan value)
    {
        value = default;
        text = text.Trim();
        var unitSeconds = UnitSeconds(text, out var number);
        if (number.IsEmpty
            || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            || !double.IsFinite(amount))
        {
            return false;
        }

        var seconds = amount * unitSeconds;
        if (seconds > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        value = TimeSpan.FromSeconds(seconds);
        return true;
    }

    // Shortest exact form for messages: `30s`, `2.5s`, `250ms`, `10m`.
    public static string Format(TimeSpan value)
    {
        var seconds = value.TotalSeconds;
        if (seconds != 0 && Math.Abs(seconds) < 1)
        {
            return value.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
        }

        return seconds % 86400 == 0 && seconds != 0 ? (seconds / 86400).ToString(CultureInfo.InvariantCulture) + "d"
            : seconds % 3600 == 0 && seconds != 0 ? (seconds / 3600).ToString(CultureInfo.InvariantCulture) + "h"
            : seconds % 60 == 0 && seconds != 0 ? (seconds / 60).ToString(CultureInfo.InvariantCulture) + "m"
            : seconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
    }

    private static double UnitSeconds(ReadOnlySpan<char> text, out ReadOnlySpan<char> number)
    {
        var (suffix, seconds) = text.EndsWith("ms", StringComparison.Ordinal) ? (2, 0.001)
            : text.EndsWith('s') ? (1, 1.0)
            : text.EndsWith('m') ? (1, 60.0)
            : text.EndsWith('h') ? (1, 3600.0)
            : text.EndsWith('d') ? (1, 86400.0)
            : (0, 1.0);
        number = text[..^suffix].TrimEnd();
        return seconds;
    }
}
