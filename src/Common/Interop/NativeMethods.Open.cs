using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Watchdog.Common.Interop;

// Opening a file named by an administrator (the config) without ever blocking: O_NONBLOCK makes open(2) of a fifo
// return at once instead of waiting for a writer, and fstat on the open descriptor then says what was opened, with
// no window for a swap between the check and the read. The BCL's open blocks on a fifo and cannot say why.
internal static partial class NativeMethods
{
    // Ok with an open handle of a regular file (symlinks followed: the path is the administrator's); NotRegular,
    // with kind saying what it was, for a fifo, device, socket or directory, which is never read.
    public static FileResult OpenForReading(string path, out SafeFileHandle? handle, out FileKind kind)
    {
        handle = null;
        var pathZ = Encoding.UTF8.GetBytes(path + "\0");
        var result = NativeFiles.OpenChecked(NativeFiles.AtFdCwd, pathZ, OpenFlags.ReadOnly, 0, out var fd, out var stat);
        kind = stat.Kind;
        if (result == FileResult.Ok)
        {
            handle = new SafeFileHandle(fd, ownsHandle: true);
        }

        return result;
    }
}
