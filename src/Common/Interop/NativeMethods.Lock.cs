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
    private const int LockFileMode = 0x1A4;
    private const int HolderBytes = 64;

    // Opens (creating it 0644) and locks name in dirFd, then writes this process's pid into it. Never follows a
    // symlink, never opens what is not a regular file (NativeFiles.OpenChecked), never blocks.
    public static LockResult TakeLock(int dirFd, ReadOnlySpan<byte> nameZ)
    {
        var opened = NativeFiles.OpenChecked(dirFd, nameZ, OpenFlags.ReadWrite | OpenFlags.Create | OpenFlags.Current.NoFollow, LockFileMode, out var fd, out _);
        if (opened is FileResult.IsSymlink or FileResult.NotRegular)
        {
            return new LockResult(LockOutcome.NotRegular, null, null, FileResult.Ok);
        }

        if (opened != FileResult.Ok)
        {
            return new LockResult(LockOutcome.Failed, null, null, opened);
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        if (flock(fd, LockExclusive | LockNonBlocking) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            var holder = errno == Errno.EAGAIN ? ReadHolder(fd) : null;
            handle.Dispose();
            return holder is null ? new LockResult(LockOutcome.Failed, null, null, NativeFiles.FromErrno(errno)) : new LockResult(LockOutcome.Held, null, holder, FileResult.Ok);
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
