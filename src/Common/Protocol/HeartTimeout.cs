using System.Globalization;
using System.Text;

namespace Watchdog.Common.Protocol;

// The content of a heart file: its timeout in seconds, ASCII decimal, fraction allowed, white space ignored.
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
        if (content.IsEmpty || content.Length > MaxContentBytes)
        {
            return false;
        }

        foreach (var b in content)
        {
            if (!char.IsAsciiDigit((char)b) && b != (byte)'.')
            {
                return false;
            }
        }

        if (!double.TryParse(content, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            || !double.IsFinite(seconds) || seconds <= 0 || seconds > Max.TotalSeconds)
        {
            return false;
        }

        timeout = TimeSpan.FromSeconds(seconds);
        return true;
    }

    public static byte[] Encode(TimeSpan timeout) => Encoding.ASCII.GetBytes(Duration.FormatSeconds(timeout) + "\n");
}
