using System.Text;

namespace Watchdog.Common.Protocol;

// NUL-terminated UTF-8, as the *at(2) calls take names: on the stack for one call, or once for a hot path.
internal static class Utf8Z
{
    // Enough for any protocol name (128 ASCII characters) and any temp name built from one.
    public const int MaxNameBytes = 512;

    public static byte[] Of(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    // The encoded text with its NUL in buffer; throws for a name no protocol writer makes.
    public static ReadOnlySpan<byte> Into(string text, Span<byte> buffer)
    {
        if (Encoding.UTF8.GetByteCount(text) >= buffer.Length)
        {
            throw new ArgumentException($"'{text}' is too long for a file name", nameof(text));
        }

        var length = Encoding.UTF8.GetBytes(text, buffer);
        buffer[length] = 0;
        return buffer[..(length + 1)];
    }
}
