using System.Globalization;
using System.Text;
using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;

namespace Watchdog.Common.State;

// What a program's tree uses now, from its cgroup (ProgramState.Cgroup): memory.current (bytes) and pids.current
// (tasks), each null when its controller is not enabled there. Read like every file the root owner reads: the
// directory opened with O_NOFOLLOW, the files never followed and never opened unless regular (never blocking).
internal sealed record CgroupUsage(ulong? MemoryBytes, ulong? Tasks)
{
    // null when the cgroup is not there (the launch ended, or it never had one).
    public static CgroupUsage? Read(string? cgroup)
    {
        if (cgroup is null || !cgroup.StartsWith('/') || DirectoryFd.Open(cgroup, out var directory) != FileResult.Ok)
        {
            return null;
        }

        using (directory)
        {
            return new CgroupUsage(Number(directory, "memory.current"u8), Number(directory, "pids.current"u8));
        }
    }

    private static ulong? Number(DirectoryFd directory, ReadOnlySpan<byte> file)
    {
        Span<byte> nameZ = stackalloc byte[32];
        file.CopyTo(nameZ);
        nameZ[file.Length] = 0;
        Span<byte> buffer = stackalloc byte[32];
        return directory.ReadHead(nameZ[..(file.Length + 1)], buffer, out var read, out _) == FileResult.Ok
            && ulong.TryParse(Encoding.ASCII.GetString(buffer[..read]).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }
}
