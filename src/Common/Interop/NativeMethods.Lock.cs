using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Watchdog.Common.Interop;

// flock(2) on a lock file: a daemon holds it for its whole life and the kernel drops it on any death (SIGKILL
// included), so no stale lock is ever left to clean up. The BCL's FileStream locks are fcntl ranges that every
// close of the file by this process would drop, and it follows symlinks.
internal static unsafe partial class NativeMethods
{
    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;
    private const int ELoop = 40;
    private const int HolderBytes = 64;

    // Opens (creating it 0644) and locks path, then writes this process's pid into it. Never follows a symlink,
    // never opens what is not a regular file (checked before the open, and on the open file), never blocks.
    public static LockResult TakeLock(string path)
    {
        Span<byte> native = stackalloc byte[MaxPathBytes];
        if (!TryBuildPath(Path.GetDirectoryName(path), Path.GetFileName(path), native, out var length))
        {
            return new LockResult(LockOutcome.Failed, null, null, FileResult.OtherError);
        }

        var existing = StatNoFollow(native[..(length + 1)], out var stat);
        if (existing == FileResult.Ok && stat.Kind != FileKind.Regular)
        {
            return new LockResult(LockOutcome.NotRegular, null, null, FileResult.Ok);
        }

        int fd;
        fixed (byte* p = native)
        {
            fd = openRaw(p, ORdWr | OCreat | ONoFollow | OCloexec | ONonBlock | ONoCtty, 0x1a4);
        }

        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == ELoop ? new LockResult(LockOutcome.NotRegular, null, null, FileResult.Ok) : new LockResult(LockOutcome.Failed, null, null, FromErrno(errno));
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        if (KindOfOpen(fd) != FileKind.Regular)
        {
            handle.Dispose();
            return new LockResult(LockOutcome.NotRegular, null, null, FileResult.Ok);
        }

        if (flock(fd, LockExclusive | LockNonBlocking) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            var holder = errno == Errno.EAGAIN ? ReadHolder(fd) : null;
            handle.Dispose();
            return holder is null ? new LockResult(LockOutcome.Failed, null, null, FromErrno(errno)) : new LockResult(LockOutcome.Held, null, holder, FileResult.Ok);
        }

        // Who holds it, for the next one to name; a failed write (a full disk) does not make the lock any less held.
        var pid = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        if (ftruncate(fd, 0) == 0)
        {
            fixed (byte* b = pid)
            {
                _ = pwrite(fd, b, (nuint)pid.Length, 0);
            }
        }

        return new LockResult(LockOutcome.Acquired, handle, null, FileResult.Ok);
    }

    private static FileKind KindOfOpen(int fd)
    {
        StatxBuffer buffer;
        var empty = (byte)0;
        return statx(fd, &empty, AtEmptyPath, StatxBasicStats, &buffer) == 0 ? KindOf(buffer.Mode) : FileKind.Unknown;
    }

    private static string ReadHolder(int fd)
    {
        var buffer = stackalloc byte[HolderBytes];
        var n = pread(fd, buffer, HolderBytes, 0);
        return n > 0 ? Encoding.ASCII.GetString(buffer, (int)n).Trim() : "";
    }

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    private static partial int ftruncate(int fd, long length);

    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    private static partial nint pwrite(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static partial nint pread(int fd, byte* buffer, nuint count, long offset);
}
