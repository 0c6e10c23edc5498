using System.Runtime.InteropServices;

namespace Watchdog.Common.Interop;

// flock(2) on an open directory: held for as long as the descriptor stays open, dropped by the kernel on any death.
internal static partial class NativeMethods
{
    // Acquired, Held (another open file description has it), or Failed with the error.
    public static LockOutcome TryLockDirectory(int directoryFd, out FileResult error)
    {
        error = FileResult.Ok;
        if (flock(directoryFd, LockExclusive | LockNonBlocking) == 0)
        {
            return LockOutcome.Acquired;
        }

        var errno = Marshal.GetLastPInvokeError();
        error = NativeFiles.FromErrno(errno);
        return errno == Errno.EAGAIN ? LockOutcome.Held : LockOutcome.Failed;
    }
}
