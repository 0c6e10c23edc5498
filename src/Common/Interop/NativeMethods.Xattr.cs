using System.Runtime.InteropServices;

namespace Watchdog.Common.Interop;

// fgetxattr(2) on an open descriptor, so the attribute read is that of the directory opened without following a
// symlink (the cgroup delegation mark, systemd's user.delegate / trusted.delegate).
internal static unsafe partial class NativeMethods
{
    private const int ENODATA = 61;
    private const int ERANGE = 34;

    // NotFound when the attribute is not set (ENODATA; also what the kernel answers for trusted.* without
    // CAP_SYS_ADMIN), TooLarge when it does not fit in value.
    public static FileResult ReadXattr(int fd, string name, Span<byte> value, out int length)
    {
        length = 0;
        var nameZ = System.Text.Encoding.UTF8.GetBytes(name + "\0");
        nint n;
        fixed (byte* p = nameZ)
        fixed (byte* v = value)
        {
            n = fgetxattr(fd, p, v, (nuint)value.Length);
        }

        if (n >= 0)
        {
            length = (int)n;
            return FileResult.Ok;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno switch
        {
            ENODATA => FileResult.NotFound,
            ERANGE => FileResult.TooLarge,
            _ => NativeFiles.FromErrno(errno),
        };
    }

    [LibraryImport("libc", EntryPoint = "fgetxattr", SetLastError = true)]
    private static partial nint fgetxattr(int fd, byte* name, byte* value, nuint size);
}
