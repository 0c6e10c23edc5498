using System.Runtime.InteropServices;

namespace Watchdog.Common.Interop;

// File-system calls the BCL does not expose: touching a file without owning it, creating a name
// without replacing one, swapping two names atomically, and making a rename durable.
internal static partial class NativeMethods
{
    private const int AtFdCwd = -100;
    private const uint RenameNoReplaceFlag = 1;
    private const uint RenameExchangeFlag = 2;
    private const int ODirectory = 0x10000;
    private const int OCloexec = 0x80000;

    // utimensat(path, NULL): sets atime and mtime to now; needs only write permission, not ownership.
    public static FileResult Touch(string path) =>
        Check(utimensat(AtFdCwd, path, IntPtr.Zero, 0));

    // link(2): gives existing a second name; fails with FileResult.Exists
    // instead of replacing, which is how a problem file is created "only if none exists".
    public static FileResult Link(string existing, string newPath) => Check(link(existing, newPath));

    // renameat2(RENAME_EXCHANGE): swaps two names atomically; FileResult.NotFound when either is gone.
    public static FileResult Exchange(string a, string b) =>
        Check(renameat2(AtFdCwd, a, AtFdCwd, b, RenameExchangeFlag));

    // renameat2(RENAME_NOREPLACE): renames unless the target exists.
    public static FileResult RenameNoReplace(string from, string to) =>
        Check(renameat2(AtFdCwd, from, AtFdCwd, to, RenameNoReplaceFlag));

    // fsync of a directory, so that a rename inside it survives a power cut.
    public static FileResult SyncDirectory(string directory)
    {
        var fd = open(directory, ODirectory | OCloexec, 0);
        if (fd < 0)
        {
            return FromErrno(Marshal.GetLastPInvokeError());
        }

        var result = Check(fsync(fd));
        _ = close(fd);
        return result;
    }

    private static FileResult Check(int rc) => rc == 0 ? FileResult.Ok : FromErrno(Marshal.GetLastPInvokeError());

    private static FileResult FromErrno(int errno) => errno switch
    {
        Errno.ENOENT => FileResult.NotFound,
        Errno.EEXIST => FileResult.Exists,
        Errno.EACCES or Errno.EPERM => FileResult.Denied,
        Errno.ENOSPC or Errno.EDQUOT => FileResult.NoSpace,
        Errno.EROFS => FileResult.ReadOnly,
        Errno.EINVAL or Errno.ENOSYS or Errno.EOPNOTSUPP => FileResult.Unsupported,
        _ => FileResult.OtherError,
    };

    [LibraryImport("libc", EntryPoint = "utimensat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int utimensat(int dirfd, string path, IntPtr times, int flags);

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int link(string oldpath, string newpath);

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int renameat2(int olddirfd, string oldpath, int newdirfd, string newpath, uint flags);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int close(int fd);
}
