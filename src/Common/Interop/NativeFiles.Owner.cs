using System.Runtime.InteropServices;

namespace Watchdog.Common.Interop;

// Hearts owned by the program that beats them (docs/protocol.md, "Ownership"): the restarter, as root, gives each
// new heart to the program's uid before renaming it into place; the program, which cannot create or rename
// anything in the root-owned hearts/, rewrites its own heart's content in place.
internal static unsafe partial class NativeFiles
{
    public static FileResult ChangeOwner(int fd, FileOwner owner) => Check(fchown(fd, owner.Uid, owner.Gid));

    // Replaces the content of an existing regular file in place (OpenRegular: never a symlink, fifo or device):
    // truncated, then written. A reader in between sees an empty file, which the protocol reads as "no valid
    // timeout", never as a wrong one.
    public static FileResult Rewrite(int dirFd, ReadOnlySpan<byte> nameZ, ReadOnlySpan<byte> content)
    {
        var result = OpenRegular(dirFd, nameZ, OpenFlags.WriteOnly, out var fd, out _);
        if (result != FileResult.Ok)
        {
            return result;
        }

        result = Check(ftruncate(fd, 0));
        if (result == FileResult.Ok)
        {
            result = WriteAll(fd, content);
        }

        Close(fd);
        return result;
    }

    [LibraryImport("libc", EntryPoint = "fchown", SetLastError = true)]
    private static partial int fchown(int fd, uint uid, uint gid);

    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    private static partial int ftruncate(int fd, long length);
}
