using System.Runtime.InteropServices;

namespace Watchdog.Heartbeat.Interop;

// The one native call the library needs: the BCL can only set explicit times (File.SetLastWriteTimeUtc),
// which requires owning the file, while utimensat(path, NULL) needs only write permission (utimensat(2)).
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

    private static BeatOutcome Classify(int errno) => errno switch
    {
        ENOENT => BeatOutcome.FileMissing,
        ENOTDIR => BeatOutcome.DirectoryMissing,
        EACCES or EPERM => BeatOutcome.PermissionDenied,
        ENOSPC or EDQUOT => BeatOutcome.NoSpace,
        EROFS => BeatOutcome.ReadOnlyFileSystem,
        _ => BeatOutcome.Failed,
    };

    [LibraryImport("libc", EntryPoint = "utimensat", SetLastError = true)]
    private static partial int utimensat(int dirfd, byte* path, IntPtr times, int flags);
}
