using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Watchdog.Heartbeat.Interop;

// The native calls the library needs: the BCL can only set explicit times (File.SetLastWriteTimeUtc), which
// requires owning the file, while utimensat(path, NULL) needs only write permission (utimensat(2)); and the
// BCL's open(2) blocks on a fifo, which must never hang the application that beats.
internal static unsafe partial class NativeMethods
{
    private const int AtFdCwd = -100;
    private const int ENOENT = 2;
    private const int EPERM = 1;
    private const int EACCES = 13;
    private const int ENOTDIR = 20;
    private const int ENOSPC = 28;
    private const int EROFS = 30;
    private const int EDQUOT = 122;
    private const int ORdOnlyNonBlockNoFollowCloexec = 0x800 | 0x20000 | 0x80000;

    // pathZ is the UTF-8 path with its terminating NUL, encoded once so a beat allocates nothing.
    public static BeatOutcome Touch(ReadOnlySpan<byte> pathZ)
    {
        int rc;
        fixed (byte* path = pathZ)
        {
            rc = utimensat(AtFdCwd, path, IntPtr.Zero, 0);
        }

        return rc == 0 ? BeatOutcome.Ok : Classify(Marshal.GetLastPInvokeError());
    }

    // open(O_RDONLY|O_NONBLOCK|O_NOFOLLOW|O_CLOEXEC): returns at once even for a fifo and never follows a
    // symlink; null when it cannot be opened.
    public static SafeFileHandle? OpenForReading(string path)
    {
        var fd = open(path, ORdOnlyNonBlockNoFollowCloexec);
        return fd < 0 ? null : new SafeFileHandle(fd, ownsHandle: true);
    }

    private static BeatOutcome Classify(int errno) => errno switch
    {
        ENOENT => BeatOutcome.FileMissing,
        ENOTDIR => BeatOutcome.DirectoryMissing,
        EACCES or EPERM => BeatOutcome.PermissionDenied,
        ENOSPC or EDQUOT => BeatOutcome.NoSpace,
        EROFS => BeatOutcome.ReadOnlyFileSystem,
        _ => BeatOutcome.Failed,
    };

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "utimensat", SetLastError = true)]
    private static partial int utimensat(int dirfd, byte* path, IntPtr times, int flags);
}
