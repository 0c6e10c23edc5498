using System.Runtime.InteropServices;

namespace Watchdog.Common.Interop;

// Name operations relative to directory fds: none of them follows a symlink in the name they act on
// (rename, link and unlink act on the entry itself; utimensat is given AT_SYMLINK_NOFOLLOW).
internal static unsafe partial class NativeFiles
{
    private const uint RenameNoReplaceFlag = 1;
    private const uint RenameExchangeFlag = 2;
    private const int AtRemoveDir = 0x200;
    private const long UtimeNow = (1L << 30) - 1;

    // flags: 0 replaces, NoReplace fails with Exists, Exchange swaps (NotFound when either is gone).
    public static FileResult Rename(int fromDir, ReadOnlySpan<byte> fromZ, int toDir, ReadOnlySpan<byte> toZ, RenameMode mode)
    {
        var flags = mode switch
        {
            RenameMode.NoReplace => RenameNoReplaceFlag,
            RenameMode.Exchange => RenameExchangeFlag,
            _ => 0u,
        };
        fixed (byte* f = fromZ)
        fixed (byte* t = toZ)
        {
            return Check(renameat2(fromDir, f, toDir, t, flags));
        }
    }

    // linkat without AT_SYMLINK_FOLLOW: a second name for the entry itself; Exists instead of replacing.
    public static FileResult Link(int fromDir, ReadOnlySpan<byte> fromZ, int toDir, ReadOnlySpan<byte> toZ)
    {
        fixed (byte* f = fromZ)
        fixed (byte* t = toZ)
        {
            return Check(linkat(fromDir, f, toDir, t, 0));
        }
    }

    // Removes the entry whatever it is (a symlink is removed, not its target); directory: an empty directory.
    public static FileResult Unlink(int dirFd, ReadOnlySpan<byte> nameZ, bool directory = false)
    {
        fixed (byte* p = nameZ)
        {
            return Check(unlinkat(dirFd, p, directory ? AtRemoveDir : 0));
        }
    }

    public static FileResult MakeDirectory(int dirFd, ReadOnlySpan<byte> nameZ, int mode)
    {
        fixed (byte* p = nameZ)
        {
            return Check(mkdirat(dirFd, p, mode));
        }
    }

    public static FileResult ChangeMode(int fd, int mode) => Check(fchmod(fd, mode));

    // utimensat(dirFd, name, NULL, AT_SYMLINK_NOFOLLOW): mtime = now with only write permission (no ownership
    // needed), and a symlink swapped in after the caller's check has its own time set, never its target's.
    public static FileResult TouchNoFollow(int dirFd, ReadOnlySpan<byte> nameZ)
    {
        fixed (byte* p = nameZ)
        {
            return Check(utimensat(dirFd, p, null, AtSymlinkNoFollow));
        }
    }

    // futimens: atime = now, mtime = the given time (a problem keeps its first-noticed mtime across rewrites).
    public static FileResult SetModified(int fd, DateTimeOffset mtime)
    {
        var ticks = mtime.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var times = stackalloc long[4];
        times[0] = 0;
        times[1] = UtimeNow;
        times[2] = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var rest);
        times[3] = rest * 100;
        if (rest < 0)
        {
            times[2] -= 1;
            times[3] += 1_000_000_000;
        }

        return Check(futimens(fd, times));
    }

    internal static FileResult Check(int rc) => rc == 0 ? FileResult.Ok : FromErrno(Marshal.GetLastPInvokeError());

    internal static FileResult FromErrno(int errno) => errno switch
    {
        Errno.ENOENT => FileResult.NotFound,
        Errno.EEXIST => FileResult.Exists,
        Errno.EACCES or Errno.EPERM => FileResult.Denied,
        Errno.ENOSPC or Errno.EDQUOT => FileResult.NoSpace,
        Errno.EROFS => FileResult.ReadOnly,
        Errno.ENOTDIR => FileResult.NotDirectory,
        Errno.EINVAL or Errno.ENOSYS or Errno.EOPNOTSUPP => FileResult.Unsupported,
        _ => FileResult.OtherError,
    };

    // open(2) with O_NOFOLLOW fails with ELOOP on a symlink; ENXIO is a socket or a fifo without a reader; EISDIR a
    // directory opened for writing.
    private static FileResult FromOpenErrno(int errno) => errno switch
    {
        Errno.ELOOP => FileResult.IsSymlink,
        Errno.ENXIO or Errno.EISDIR => FileResult.NotRegular,
        _ => FromErrno(errno),
    };

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true)]
    private static partial int openat(int dirfd, byte* path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static partial int statx(int dirfd, byte* path, int flags, uint mask, StatxBuffer* buffer);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint read_(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int fsync(int fd);

    [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
    private static partial int fchmod(int fd, int mode);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int close(int fd);

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    private static partial int renameat2(int olddirfd, byte* oldpath, int newdirfd, byte* newpath, uint flags);

    [LibraryImport("libc", EntryPoint = "linkat", SetLastError = true)]
    private static partial int linkat(int olddirfd, byte* oldpath, int newdirfd, byte* newpath, int flags);

    [LibraryImport("libc", EntryPoint = "unlinkat", SetLastError = true)]
    private static partial int unlinkat(int dirfd, byte* path, int flags);

    [LibraryImport("libc", EntryPoint = "mkdirat", SetLastError = true)]
    private static partial int mkdirat(int dirfd, byte* path, int mode);

    [LibraryImport("libc", EntryPoint = "utimensat", SetLastError = true)]
    private static partial int utimensat(int dirfd, byte* path, long* times, int flags);

    [LibraryImport("libc", EntryPoint = "futimens", SetLastError = true)]
    private static partial int futimens(int fd, long* times);
}
