using Watchdog.Common.Protocol;

namespace Watchdog.Common.Interop;

internal static partial class NativeMethods
{
    // mtime = now for the regular file at path, relative to its directory opened without following a symlink in its
    // place; a symlink or fifo at path is IsSymlink / NotRegular, never followed or opened (DirectoryFd.Touch).
    public static FileResult Touch(string path)
    {
        var opened = DirectoryFd.Open(Path.GetDirectoryName(Path.GetFullPath(path))!, out var directory);
        if (opened != FileResult.Ok)
        {
            return opened;
        }

        using (directory)
        {
            Span<byte> nameZ = stackalloc byte[Utf8Z.MaxNameBytes];
            return directory.Touch(Utf8Z.Into(Path.GetFileName(path), nameZ));
        }
    }
}
