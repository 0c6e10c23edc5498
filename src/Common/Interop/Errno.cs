namespace Watchdog.Common.Interop;

// Linux errno values (asm-generic; the same on x86_64 and arm64).
internal static class Errno
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int EINTR = 4;
    public const int ENXIO = 6;
    public const int EBADF = 9;
    public const int ECHILD = 10;
    public const int EAGAIN = 11;
    public const int EACCES = 13;
    public const int EEXIST = 17;
    public const int ENOTDIR = 20;
    public const int EISDIR = 21;
    public const int EINVAL = 22;
    public const int ENOSPC = 28;
    public const int EROFS = 30;
    public const int ERANGE = 34;
    public const int ENOSYS = 38;
    public const int ELOOP = 40;
    public const int EOPNOTSUPP = 95;
    public const int EDQUOT = 122;
}
