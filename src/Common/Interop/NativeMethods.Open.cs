using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Watchdog.Common.Interop;

// Opening a file named by an administrator (the config) without ever blocking: O_NONBLOCK makes open(2) of a fifo
// return at once instead of waiting for a writer, and fstat on the open descriptor then says what was opened, with
// no window for a swap between the check and the read. The BCL's open blocks on a fifo and cannot say why.
internal static partial class NativeMethods
{
    private const int AtEmptyPath = 0x1000;

    // Ok with an open handle and the kind of what it is (symlinks followed); the caller reads only a Regular one.
    public static unsafe FileResult OpenForReading(string path, out SafeFileHandle? handle, out FileKind kind)
    {
        handle = null;
        kind = FileKind.Unknown;
        var fd = open(path, ORdOnly | ONonBlock | ONoCtty | OCloexec, 0);
        if (fd < 0)
        {
            return FromErrno(Marshal.GetLastPInvokeError());
        }

        handle = new SafeFileHandle(fd, ownsHandle: true);
        StatxBuffer buffer;
        byte empty = 0;
        if (statx(fd, &empty, AtEmptyPath, StatxBasicStats, &buffer) != 0)
        {
            var result = FromErrno(Marshal.GetLastPInvokeError());
            handle.Dispose();
            handle = null;
            return result;
        }

        kind = KindOf(buffer.Mode);
        return FileResult.Ok;
    }
}
