using System.Runtime.InteropServices;
using System.Text;

namespace Watchdog.Common.Interop;

// lstat and a bounded read for scanning directories other programs write into: the path is built on the stack
// (no allocation per entry), a symlink is never followed and a fifo is never opened so a scan can never block.
internal static partial class NativeMethods
{
    // PATH_MAX, terminator included.
    public const int MaxPathBytes = 4096;

    private const int AtSymlinkNoFollow = 0x100;
    private const int AtNoAutomount = 0x800;
    private const uint StatxBasicStats = 0x7ff;
    private const int ORdOnly = 0;
    private const int ONoCtty = 0x100;

    // O_NOFOLLOW is one of the few open flags whose value differs between x86_64 and arm64 (asm-generic/fcntl.h).
    private static readonly int ONoFollow = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x8000 : 0x20000;

    // Encodes directory + '/' + name as a NUL-terminated UTF-8 path into buffer; false when it does not fit.
    public static bool TryBuildPath(ReadOnlySpan<char> directory, ReadOnlySpan<char> name, Span<byte> buffer, out int length)
    {
        length = 0;
        if ((directory.Length + name.Length + 2) * 3 > buffer.Length)
        {
            return false;
        }

        length = Encoding.UTF8.GetBytes(directory, buffer);
        if (length == 0 || buffer[length - 1] != (byte)'/')
        {
            buffer[length++] = (byte)'/';
        }

        length += Encoding.UTF8.GetBytes(name, buffer[length..]);
        buffer[length] = 0;
        return true;
    }

    // lstat via statx(2), whose buffer layout is the same on every architecture. path must be NUL-terminated.
    public static unsafe FileResult StatNoFollow(ReadOnlySpan<byte> path, out FileStat stat)
    {
        StatxBuffer buffer;
        int rc;
        fixed (byte* p = path)
        {
            rc = statx(AtFdCwd, p, AtSymlinkNoFollow | AtNoAutomount, StatxBasicStats, &buffer);
        }

        if (rc != 0)
        {
            stat = default;
            return FromErrno(Marshal.GetLastPInvokeError());
        }

        stat = new FileStat(
            KindOf(buffer.Mode),
            buffer.Inode,
            (long)buffer.Size,
            DateTimeOffset.UnixEpoch.AddTicks((buffer.ModifiedSeconds * TimeSpan.TicksPerSecond) + (buffer.ModifiedNanoseconds / 100)),
            (buffer.ChangedSeconds * TimeSpan.TicksPerSecond) + (buffer.ChangedNanoseconds / 100));
        return FileResult.Ok;
    }

    // Reads at most buffer.Length bytes from the start of a regular file. The file is opened with O_NOFOLLOW and
    // O_NONBLOCK: if it was swapped for a symlink or a fifo since it was stat'ed, the open fails or returns at once.
    public static unsafe FileResult ReadHead(ReadOnlySpan<byte> path, Span<byte> buffer, out int read)
    {
        read = 0;
        int fd;
        fixed (byte* p = path)
        {
            fd = openRaw(p, ORdOnly | ONonBlock | ONoCtty | ONoFollow | OCloexec, 0);
        }

        if (fd < 0)
        {
            return FromErrno(Marshal.GetLastPInvokeError());
        }

        try
        {
            fixed (byte* b = buffer)
            {
                while (read < buffer.Length)
                {
                    var n = readRaw(fd, b + read, (nuint)(buffer.Length - read));
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
        finally
        {
            _ = close(fd);
        }
    }

    private static FileKind KindOf(ushort mode) => (mode & 0xF000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0xA000 => FileKind.Symlink,
        0x1000 => FileKind.Fifo,
        0xC000 => FileKind.Socket,
        0x2000 => FileKind.CharacterDevice,
        0x6000 => FileKind.BlockDevice,
        _ => FileKind.Unknown,
    };

    // struct statx (linux/stat.h): 256 bytes, the same layout on every architecture.
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(28)]
        public ushort Mode;

        [FieldOffset(32)]
        public ulong Inode;

        [FieldOffset(40)]
        public ulong Size;

        [FieldOffset(96)]
        public long ChangedSeconds;

        [FieldOffset(104)]
        public uint ChangedNanoseconds;

        [FieldOffset(112)]
        public long ModifiedSeconds;

        [FieldOffset(120)]
        public uint ModifiedNanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static unsafe partial int statx(int dirfd, byte* path, int flags, uint mask, StatxBuffer* buffer);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
    private static unsafe partial int openRaw(byte* path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint readRaw(int fd, byte* buffer, nuint count);
}
