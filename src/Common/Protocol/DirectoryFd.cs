using Watchdog.Common.Interop;

namespace Watchdog.Common.Protocol;

// A protocol directory (hearts/, problems/, history/, state/, down/) opened for one operation with O_NOFOLLOW, so a
// symlink in its place is refused. Only the last component is checked: the components above it are the root's own
// path from the config. It is opened again for every operation rather than held: an fd kept across passes would
// go on writing into a directory an operator renamed away (detached from the root), and reopening costs one call.
internal readonly struct DirectoryFd : IDisposable
{
    // Files the protocol writes are 0644: readable by the operator's tools, written only by their owner.
    public const int FileMode = 0x1A4;

    // fd + 1, so that default(DirectoryFd) holds no descriptor (and never closes fd 0).
    private readonly int _fdPlusOne;

    private DirectoryFd(int fd) => _fdPlusOne = fd + 1;

    public int Fd => _fdPlusOne - 1;

    // The directory through this descriptor (the kernel resolves the magic link to the open directory itself), for
    // the BCL's enumeration, which takes only paths.
    public string ProcPath => $"/proc/self/fd/{Fd}";

    public static FileResult Open(ReadOnlySpan<byte> pathZ, out DirectoryFd directory)
    {
        var result = NativeFiles.OpenDirectory(NativeFiles.AtFdCwd, pathZ, out var fd);
        directory = new DirectoryFd(fd);
        return result;
    }

    public static FileResult Open(string path, out DirectoryFd directory)
    {
        Span<byte> buffer = path.Length <= 1024 ? stackalloc byte[(1024 * 3) + 1] : new byte[(path.Length * 3) + 1];
        return Open(Utf8Z.Into(path, buffer), out directory);
    }

    // mtime = now for an existing regular file; a symlink or fifo in its place is refused, not followed or opened.
    public FileResult Touch(ReadOnlySpan<byte> nameZ)
    {
        var result = NativeFiles.Stat(Fd, nameZ, out var stat);
        return result != FileResult.Ok ? result
            : stat.Kind == FileKind.Symlink ? FileResult.IsSymlink
            : stat.Kind != FileKind.Regular ? FileResult.NotRegular
            : NativeFiles.TouchNoFollow(Fd, nameZ);
    }

    // At most buffer.Length bytes from the start of a regular file.
    public FileResult ReadHead(ReadOnlySpan<byte> nameZ, Span<byte> buffer, out int read, out FileStat stat) =>
        NativeFiles.ReadHead(Fd, nameZ, buffer, out read, out stat);

    // Creates nameZ (a temp name) with content, mode 0644, the given mtime, owned by owner when given (while it is
    // still a temp name, so it appears under its real name already the owner's), and fsynced when durable; on any
    // failure nothing is left behind.
    public FileResult WriteNew(ReadOnlySpan<byte> nameZ, ReadOnlySpan<byte> content, DateTimeOffset? mtime, bool durable, FileOwner? owner = null)
    {
        var result = NativeFiles.CreateExclusive(Fd, nameZ, FileMode, out var fd);
        if (result != FileResult.Ok)
        {
            return result;
        }

        result = owner is { } given ? NativeFiles.ChangeOwner(fd, given) : FileResult.Ok;
        if (result == FileResult.Ok)
        {
            result = NativeFiles.WriteAll(fd, content);
        }

        if (result == FileResult.Ok && mtime is { } time)
        {
            result = NativeFiles.SetModified(fd, time);
        }

        if (result == FileResult.Ok && durable)
        {
            result = NativeFiles.Sync(fd);
        }

        NativeFiles.Close(fd);
        if (result != FileResult.Ok)
        {
            _ = NativeFiles.Unlink(Fd, nameZ);
        }

        return result;
    }

    public FileResult Rename(ReadOnlySpan<byte> fromZ, ReadOnlySpan<byte> toZ, RenameMode mode = RenameMode.Replace) =>
        NativeFiles.Rename(Fd, fromZ, Fd, toZ, mode);

    public FileResult Link(ReadOnlySpan<byte> fromZ, ReadOnlySpan<byte> toZ) => NativeFiles.Link(Fd, fromZ, Fd, toZ);

    public FileResult Unlink(ReadOnlySpan<byte> nameZ) => NativeFiles.Unlink(Fd, nameZ);

    // The entry names, listed through the fd: /proc/self/fd/N is the very directory opened, so a symlink swapped in
    // after the open is not what gets listed.
    public IReadOnlyList<string> ListNames() =>
        Directory.EnumerateFileSystemEntries(ProcPath).Select(Path.GetFileName).OfType<string>().ToList();

    // fsync of the directory, so a rename or link inside it survives a power cut.
    public FileResult Sync() => NativeFiles.Sync(Fd);

    public void Dispose()
    {
        if (_fdPlusOne > 0)
        {
            NativeFiles.Close(Fd);
        }
    }
}
