using System.Globalization;
using System.Text;

using Watchdog.Heartbeat.Interop;

namespace Watchdog.Heartbeat;

// The heart file format (DESIGN.md §2): name = heart name, content = timeout in seconds, mtime = last beat.
internal static class HeartFile
{
    public static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(1);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(31);

    // The most a heart file worth comparing can hold; anything longer is not ours and gets rewritten.
    private const int MaxContentBytes = 64;

    private static long s_tempCounter;

    public static void ValidateTimeout(TimeSpan timeout, string paramName)
    {
        if (timeout < MinTimeout || timeout > MaxTimeout)
        {
            throw new ArgumentOutOfRangeException(paramName, timeout, "A heart's timeout must be between 1 millisecond and 31 days.");
        }
    }

    public static bool TryParseTimeout(string? text, out TimeSpan timeout)
    {
        timeout = default;
        var trimmed = text.AsSpan().Trim();
        foreach (var c in trimmed)
        {
            if (!char.IsAsciiDigit(c) && c != '.')
            {
                return false;
            }
        }

        if (trimmed.IsEmpty
            || !double.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            || !(seconds >= MinTimeout.TotalSeconds && seconds <= MaxTimeout.TotalSeconds))
        {
            return false;
        }

        timeout = TimeSpan.FromSeconds(seconds);
        return true;
    }

    // `30\n`, `2.5\n`: what `echo 30 > hearts/x` writes, so hand-made and library-made hearts look alike.
    public static byte[] Encode(TimeSpan timeout) =>
        Encoding.ASCII.GetBytes(timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "\n");

    public static byte[] NullTerminated(string path)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, bytes);
        return bytes;
    }

    // True when the file exists and already declares this timeout, so the first beat need not replace it.
    public static bool HasContent(string path, ReadOnlySpan<byte> content)
    {
        Span<byte> buffer = stackalloc byte[MaxContentBytes + 1];
        int length;
        try
        {
            using var handle = NativeMethods.OpenForReading(path);
            if (handle is null)
            {
                return false;
            }

            length = RandomAccess.Read(handle, buffer, 0);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        catch (NotSupportedException)
        {
            // Not a regular file (a fifo, a socket): it declares nothing, and the caller replaces it.
            return false;
        }

        return length <= MaxContentBytes
            && buffer[..length].Trim(" \t\r\n"u8).SequenceEqual(content.Trim(" \t\r\n"u8));
    }

    // Writes a complete file under a dot-name and renames it into place (rename(2) is atomic), so the
    // watchdog never reads a half-written timeout; the fresh mtime is itself a beat.
    public static void Write(string path, string directory, string name, ReadOnlySpan<byte> content)
    {
        var temp = Path.Combine(
            directory,
            string.Create(CultureInfo.InvariantCulture, $".{name}.{Environment.ProcessId}.{Interlocked.Increment(ref s_tempCounter)}.tmp"));
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                stream.Write(content);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover dot-file is ignored by the watchdog (DESIGN.md §2).
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }
}
