using System.Buffers;
using System.Buffers.Text;
using System.IO.Enumeration;
using System.Text;
using Watchdog.Common.Interop;

namespace Watchdog.Common.Processes;

// Reading /proc (proc(5)). Every entry may vanish between listing and reading, or be unreadable; such
// entries are skipped, never an error.
internal static class ProcFs
{
    // A larger environment is cut off here: the tag variable is set by whoever started the process, so in
    // practice it sits far below this; a hostile process hiding its tag this way still dies with its session.
    public const int MaxEnvironBytes = 1 << 20;

    private const string Root = "/proc";

    // Every process id (thread-group ids only: /proc lists threads under /proc/PID/task).
    public static IEnumerable<int> EnumeratePids() =>
        new FileSystemEnumerable<int>(Root, static (ref entry) => ParsePid(entry.FileName), new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = 0 })
        {
            ShouldIncludePredicate = static (ref entry) => entry.IsDirectory && ParsePid(entry.FileName) > 0,
        };

    // Whether pid still names the process that had this start time (field 22 of /proc/PID/stat, proc(5)) and has
    // not exited: a recycled pid is never taken for the process recorded earlier.
    public static bool IsSameProcess(int pid, ulong startTime) =>
        pid > 0 && TryReadStat(pid, out var stat) && stat.StartTime == startTime && !stat.HasExited;

    // Reads /proc/PID/stat; false when the process is gone.
    public static bool TryReadStat(int pid, out ProcStat stat)
    {
        Span<byte> buffer = stackalloc byte[1024];
        var length = ReadInto($"{Root}/{pid}/stat", buffer);
        stat = default;
        return length > 0 && TryParseStat(pid, buffer[..length], out stat);
    }

    // Parses the text of /proc/PID/stat. The command name (field 2) is in parentheses and may itself hold
    // spaces and ')', so fields are counted after the LAST ')'.
    public static bool TryParseStat(int pid, ReadOnlySpan<byte> text, out ProcStat stat)
    {
        stat = default;
        var close = text.LastIndexOf((byte)')');
        if (close < 0 || close + 2 >= text.Length)
        {
            return false;
        }

        var rest = text[(close + 2)..];
        var state = (char)rest[0];
        Span<ulong> fields = stackalloc ulong[20];
        var field = 0;
        foreach (var range in rest.Split((byte)' '))
        {
            if (field >= 1 && field < fields.Length)
            {
                var token = rest[range].TrimEnd((byte)'\n');
                if (token.Length > 0 && token[0] == (byte)'-')
                {
                    fields[field] = 0;
                }
                else if (!Utf8Parser.TryParse(token, out fields[field], out _))
                {
                    return false;
                }
            }

            if (++field == fields.Length)
            {
                break;
            }
        }

        if (field < fields.Length)
        {
            return false;
        }

        // After ')': state (3), ppid (4), pgrp (5), session (6), ..., starttime (22) = index 19. Negative fields
        // (tpgid, priority, nice) are read as 0: none of them is used.
        stat = new ProcStat(pid, state, (int)fields[1], (int)fields[2], (int)fields[3], fields[19]);
        return true;
    }

    // Reads /proc/PID/environ into buffer (grown from the pool up to MaxEnvironBytes); returns the length,
    // or -1 when the process is gone or unreadable. A zombie's environ is empty. The caller returns buffer
    // to ArrayPool<byte>.Shared.
    public static int ReadEnviron(int pid, ref byte[] buffer)
    {
        var fd = NativeMethods.OpenReadOnly($"{Root}/{pid}/environ");
        if (fd < 0)
        {
            return -1;
        }

        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length >= MaxEnvironBytes)
                    {
                        return length;
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxEnvironBytes));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var n = NativeMethods.ReadAvailable(fd, buffer.AsSpan(length));
                if (n <= 0)
                {
                    return n == 0 ? length : -1;
                }

                length += n;
            }
        }
        finally
        {
            NativeMethods.CloseFd(fd);
        }
    }

    // The value of variable in a NUL-separated environ block, or null when absent.
    public static string? FindVariable(ReadOnlySpan<byte> environ, ReadOnlySpan<byte> nameAndEquals)
    {
        while (!environ.IsEmpty)
        {
            var end = environ.IndexOf((byte)0);
            var entry = end < 0 ? environ : environ[..end];
            if (entry.StartsWith(nameAndEquals))
            {
                return Encoding.UTF8.GetString(entry[nameAndEquals.Length..]);
            }

            environ = end < 0 ? default : environ[(end + 1)..];
        }

        return null;
    }

    // True when the environ block holds exactly nameAndEquals + value.
    public static bool HasEntry(ReadOnlySpan<byte> environ, ReadOnlySpan<byte> entryBytes)
    {
        while (!environ.IsEmpty)
        {
            var end = environ.IndexOf((byte)0);
            var entry = end < 0 ? environ : environ[..end];
            if (entry.SequenceEqual(entryBytes))
            {
                return true;
            }

            environ = end < 0 ? default : environ[(end + 1)..];
        }

        return false;
    }

    private static int ReadInto(string path, Span<byte> buffer)
    {
        var fd = NativeMethods.OpenReadOnly(path);
        if (fd < 0)
        {
            return -1;
        }

        var n = NativeMethods.ReadAvailable(fd, buffer);
        NativeMethods.CloseFd(fd);
        return n;
    }

    private static int ParsePid(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > 10)
        {
            return 0;
        }

        var pid = 0L;
        foreach (var c in name)
        {
            if (c is < '0' or > '9')
            {
                return 0;
            }

            pid = (pid * 10) + (c - '0');
        }

        return pid <= int.MaxValue ? (int)pid : 0;
    }
}
