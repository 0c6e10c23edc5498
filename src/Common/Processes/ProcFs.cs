using System.Buffers.Text;
using System.IO.Enumeration;
using Watchdog.Common.Interop;

namespace Watchdog.Common.Processes;

// Reading /proc (proc(5)). Every entry may vanish between listing and reading, or be unreadable; such
// entries are skipped, never an error.
internal static class ProcFs
{
    // The longest tag value looked up: the restarter's own are 73 bytes (instance id, '.', launch id); a longer value
    // is nobody's tag.
    public const int MaxTagBytes = 256;

    // One read of /proc/PID/environ: most environments fit in one chunk; a larger one is read in several.
    private const int EnvironChunkBytes = 8192;

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

    // Looks variable nameAndEquals ("NAME=") up in /proc/PID/environ, read to its end in chunks whatever its size
    // (nothing is allocated; the common environment of a few KiB takes one read). The first entry with the name
    // decides, as for getenv(3). A zombie's environment is empty.
    public static EnvironLookup FindVariable(int pid, ReadOnlySpan<byte> nameAndEquals, Span<byte> value, out int valueLength)
    {
        var scan = new EnvironScan(nameAndEquals, value);
        var read = Scan(pid, ref scan);
        valueLength = scan.ValueLength;
        return read || scan.Result == EnvironLookup.Found ? scan.Result : EnvironLookup.Unreadable;
    }

    // True when /proc/PID/environ holds exactly the entry "NAME=value" (anywhere, even after another NAME=).
    public static bool HasEntry(int pid, ReadOnlySpan<byte> entry)
    {
        var scan = new EnvironScan(entry, []);
        return Scan(pid, ref scan) && scan.Result == EnvironLookup.Found;
    }

    // False when the environment cannot be read to its end.
    private static bool Scan(int pid, ref EnvironScan scan)
    {
        var fd = NativeMethods.OpenReadOnly($"{Root}/{pid}/environ");
        if (fd < 0)
        {
            return false;
        }

        try
        {
            Span<byte> chunk = stackalloc byte[EnvironChunkBytes];
            while (true)
            {
                var n = NativeMethods.ReadAvailable(fd, chunk);
                if (n < 0)
                {
                    return false;
                }

                if (n == 0)
                {
                    scan.Finish();
                    return true;
                }

                if (!scan.Feed(chunk[..n]))
                {
                    return true;
                }
            }
        }
        finally
        {
            NativeMethods.CloseFd(fd);
        }
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
