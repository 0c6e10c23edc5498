using System.Runtime.InteropServices;

namespace Watchdog.Common.Interop;

// The *at(2) calls every read and write below the root goes through: names are resolved relative to a directory
// fd, never through a symlink, and a fifo or device is never opened (statx first, O_NONBLOCK always, fstat after).
// Paths and names are NUL-terminated UTF-8, so a heart's beat allocates nothing. The Heartbeat library compiles this
// file too (DESIGN.md §3: `watchdog beat` and the library beat the same way).
internal static unsafe partial class NativeFiles
{
    public const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtNoAutomount = 0x800;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7ff;

    // The directory at path (NUL-terminated), or relative to dirFd; a symlink in its place is IsSymlink.
    public static FileResult OpenDirectory(int dirFd, ReadOnlySpan<byte> nameZ, out int fd)
    {
        fixed (byte* p = nameZ)
        {
            fd = openat(dirFd, p, OpenFlags.ReadOnly | OpenFlags.Current.Directory | OpenFlags.Current.NoFollow | OpenFlags.CloseOnExec, 0);
        }

        if (fd >= 0)
        {
            return FileResult.Ok;
        }

        // O_DIRECTORY|O_NOFOLLOW on a symlink fails with ENOTDIR, not ELOOP: lstat says which it was.
        var result = FromOpenErrno(Marshal.GetLastPInvokeError());
        return result == FileResult.NotDirectory && Stat(dirFd, nameZ, out var stat) == FileResult.Ok && stat.Kind == FileKind.Symlink
            ? FileResult.IsSymlink
            : result;
    }

    // Opens an existing regular file: refused without opening it when statx says it is anything else, and checked
    // again by fstat on the open fd (it may have been swapped in between; O_NONBLOCK keeps even that open from waiting).
    public static FileResult OpenRegular(int dirFd, ReadOnlySpan<byte> nameZ, int access, out int fd, out FileStat stat)
    {
        fd = -1;
        var result = Stat(dirFd, nameZ, out stat);
        if (result != FileResult.Ok)
        {
            return result;
        }

        if (stat.Kind != FileKind.Regular)
        {
            return stat.Kind == FileKind.Symlink ? FileResult.IsSymlink : FileResult.NotRegular;
        }

        fixed (byte* p = nameZ)
        {
            fd = openat(dirFd, p, access | OpenFlags.NonBlock | OpenFlags.NoCtty | OpenFlags.Current.NoFollow | OpenFlags.CloseOnExec, 0);
        }

        if (fd < 0)
        {
            return FromOpenErrno(Marshal.GetLastPInvokeError());
        }

        result = StatFd(fd, out stat);
        if (result == FileResult.Ok && stat.Kind != FileKind.Regular)
        {
            result = FileResult.NotRegular;
        }

        if (result != FileResult.Ok)
        {
            Close(fd);
            fd = -1;
        }

        return result;
    }

    // openat with O_NONBLOCK (a fifo never waits for its other end) and O_NOCTTY, then fstat on the open fd: anything
    // but a regular file is closed again and NotRegular (stat says what it was). flags say the access, and whether
    // to create or to follow a symlink.
    public static FileResult OpenChecked(int dirFd, ReadOnlySpan<byte> nameZ, int flags, int mode, out int fd, out FileStat stat)
    {
        stat = default;
        fixed (byte* p = nameZ)
        {
            fd = openat(dirFd, p, flags | OpenFlags.NonBlock | OpenFlags.NoCtty | OpenFlags.CloseOnExec, mode);
        }

        if (fd < 0)
        {
            return FromOpenErrno(Marshal.GetLastPInvokeError());
        }

        var result = StatFd(fd, out stat);
        if (result == FileResult.Ok && stat.Kind != FileKind.Regular)
        {
            result = FileResult.NotRegular;
        }

        if (result != FileResult.Ok)
        {
            Close(fd);
            fd = -1;
        }

        return result;
    }

    // At most buffer.Length bytes from the start of a regular file (OpenRegular).
    public static FileResult ReadHead(int dirFd, ReadOnlySpan<byte> nameZ, Span<byte> buffer, out int read, out FileStat stat)
    {
        read = 0;
        var result = OpenRegular(dirFd, nameZ, OpenFlags.ReadOnly, out var fd, out stat);
        if (result != FileResult.Ok)
        {
            return result;
        }

        result = ReadAll(fd, buffer, out read);
        Close(fd);
        return result;
    }

    // O_CREAT|O_EXCL never follows a symlink (open(2)) and never opens an existing fifo; the mode is set again with
    // fchmod so the process umask has no say in it.
    public static FileResult CreateExclusive(int dirFd, ReadOnlySpan<byte> nameZ, int mode, out int fd)
    {
        fixed (byte* p = nameZ)
        {
            fd = openat(dirFd, p, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive | OpenFlags.Current.NoFollow | OpenFlags.CloseOnExec, mode);
        }

        if (fd < 0)
        {
            return FromOpenErrno(Marshal.GetLastPInvokeError());
        }

        var result = Check(fchmod(fd, mode));
        if (result != FileResult.Ok)
        {
            Close(fd);
            fd = -1;
        }

        return result;
    }

    // lstat relative to dirFd (statx, whose buffer layout is the same on every architecture).
    public static FileResult Stat(int dirFd, ReadOnlySpan<byte> nameZ, out FileStat stat)
    {
        fixed (byte* p = nameZ)
        {
            return StatCore(dirFd, p, AtSymlinkNoFollow | AtNoAutomount, out stat);
        }
    }

    public static FileResult StatFd(int fd, out FileStat stat)
    {
        byte empty = 0;
        return StatCore(fd, &empty, AtEmptyPath, out stat);
    }

    public static FileResult ReadAll(int fd, Span<byte> buffer, out int read)
    {
        read = 0;
        fixed (byte* b = buffer)
        {
            while (read < buffer.Length)
            {
                var n = read_(fd, b + read, (nuint)(buffer.Length - read));
                if (n == 0)
                {
                    break;
                }

                if (n < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == Errno.EINTR)
                    {
                        continue;
                    }

                    return FromErrno(errno);
                }

                read += (int)n;
            }
        }

        return FileResult.Ok;
    }

    public static FileResult WriteAll(int fd, ReadOnlySpan<byte> content)
    {
        fixed (byte* b = content)
        {
            var written = 0;
            while (written < content.Length)
            {
                var n = write(fd, b + written, (nuint)(content.Length - written));
                if (n < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == Errno.EINTR)
                    {
                        continue;
                    }

                    return FromErrno(errno);
                }

                written += (int)n;
            }
        }

        return FileResult.Ok;
    }

    public static FileResult Sync(int fd) => Check(fsync(fd));

    public static bool Close(int fd) => close(fd) == 0;

    private static FileResult StatCore(int dirFd, byte* path, int flags, out FileStat stat)
    {
        StatxBuffer buffer;
        if (statx(dirFd, path, flags, StatxBasicStats, &buffer) != 0)
        {
            stat = default;
            return FromErrno(Marshal.GetLastPInvokeError());
        }

        stat = buffer.ToStat();
        return FileResult.Ok;
    }
}
