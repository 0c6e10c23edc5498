using Microsoft.Win32.SafeHandles;

namespace Watchdog.Common.Interop;

// A pidfd (pidfd_open(2)): refers to one process for good, so a signal sent through it can never reach a
// process that later reused the pid. Only -1 is invalid: fd 0 is a valid descriptor when stdin was closed. Readable (POLLIN) once the process has exited.
internal sealed class PidFdHandle : SafeHandleMinusOneIsInvalid
{
    public PidFdHandle()
        : base(ownsHandle: true)
    {
    }

    public PidFdHandle(int fd)
        : base(ownsHandle: true)
    {
        SetHandle(fd);
    }

    protected override bool ReleaseHandle() => NativeMethods.CloseFd((int)handle);
}
