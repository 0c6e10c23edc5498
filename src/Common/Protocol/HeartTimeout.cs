using System.Globalization;
using System.Text;

namespace Watchdog.Common.Protocol;

// The content of a heart file: its timeout in seconds, ASCII decimal, fraction allowed, white space ignored
// (DESIGN.md §2). The Heartbeat library compiles this file too: WATCHDOG_HEART_TIMEOUT is parsed by the same rule.
internal static class HeartTimeout
{
    public static readonly TimeSpan Max = TimeSpan.FromDays(31);

    // The most a valid heart file can hold: a timeout plus generous white space. Anything longer is garbage.
    public const int MaxContentBytes = 64;

    public static bool IsValid(TimeSpan timeout) => timeout > TimeSpan.Zero && timeout <= Max;

    public static bool TryParse(ReadOnlySpan<byte> content, out TimeSpan timeout)
    {
        timeout = default;
        content = content.Trim(" \t\r\n"u8);
        if (content.Length > MaxContentBytes)
        {
            return false;
        }

        // Every accepted byte is an ASCII digit or '.', so widening byte by byte is exact.
        Span<char> text = stackalloc char[content.Length];
        for (var i = 0; i < content.Length; i++)
        {
            text[i] = (char)content[i];
        }

        return TryParse(text, out timeout);
    }

    public static bool TryParse(ReadOnlySpan<char> text, out TimeSpan timeout)
    {
        timeout = default;
        text = text.Trim(" \t\r\n");
        if (text.IsEmpty || text.Length > MaxContentBytes)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c) && c != '.')
            {
                return false;
            }
        }

        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            || !double.IsFinite(seconds) || seconds <= 0 || seconds > Max.TotalSeconds)
        {
            return false;
        }

        timeout = TimeSpan.FromSeconds(seconds);
        return true;
    }

    // Seconds as heart files and WATCHDOG_HEART_TIMEOUT write them: `30`, `2.5`.
    public static string FormatSeconds(TimeSpan timeout) =>
        timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    // `30\n`, `2.5\n`: what `echo 30 > hearts/x` writes, so hand-made and program-made hearts look alike.
    public static byte[] Encode(TimeSpan timeout) => Encoding.ASCII.GetBytes(FormatSeconds(timeout) + "\n");
}
