using System.Text;
using Watchdog.Common.Interop;

namespace Watchdog.Common.Protocol;

// A problem file (DESIGN.md §2): created only if none exists, changed only by rename, mtime = first noticed.
// Read relative to problems/ opened without following a symlink; an entry that is not a regular file is never
// opened (a fifo would block the reader, a symlink would publish another file's content into history).
internal static class ProblemFile
{
    // The largest problem file read whole; a larger one is read only up to this size (junk written by hand).
    public const int MaxReadBytes = 1 << 20;

    // Opens problem name with its first line, unless a problem with that name is already open.
    // Returns false when one was (its file, first-noticed time and lines stay as they are).
    public static bool TryCreate(RootLayout layout, string name, DateTimeOffset noticed, string detector, string text) =>
        AtomicFile.TryCreateNew(layout.Problem(name), Encoding.UTF8.GetBytes(ProblemLine.Format(noticed, detector, text)), noticed);

    // Appends one report, keeping the first-noticed mtime. Returns false when the problem is no longer open.
    public static bool TryAppend(string path, DateTimeOffset at, string detector, string text)
    {
        ProblemRecord? current = TryRead(path);
        if (current is null)
        {
            return false;
        }

        var content = current.Text + ProblemLine.Format(at, detector, text);
        return AtomicFile.TryReplaceExisting(path, Encoding.UTF8.GetBytes(content), current.FirstNoticed);
    }

    // Reads a problem file; null when it does not exist (any more); IOException naming it when it cannot be read,
    // is a symlink or is not a regular file.
    public static ProblemRecord? TryRead(string path)
    {
        var result = Read(path, out var record);
        if (result == FileResult.NotFound)
        {
            return null;
        }

        AtomicFile.ThrowOnError(result, "read", path);
        return record;
    }

    // Like TryRead, but an entry that is not a regular file is set aside (SetAside) instead of thrown about:
    // setAside then says what was removed, for the caller's log. The restarter's loop reads through this, so no
    // entry anyone can create in problems/ can wedge it or make it fail on every pass.
    public static ProblemRecord? ReadOrSetAside(string path, out string? setAside)
    {
        setAside = null;
        var result = Read(path, out var record);
        if (result is FileResult.IsSymlink or FileResult.NotRegular)
        {
            setAside = SetAside(path, result);
            return null;
        }

        if (result == FileResult.NotFound)
        {
            return null;
        }

        AtomicFile.ThrowOnError(result, "read", path);
        return record;
    }

    // Removes a problems/ entry that is not a regular file (unlinkat: a symlink itself, never its target; a fifo
    // without opening it; an empty directory). Returns the one-line description for the log.
    public static string SetAside(string path, FileResult found)
    {
        using var directory = AtomicFile.OpenDirectory(path, "set aside");
        Span<byte> nameZ = stackalloc byte[Utf8Z.MaxNameBytes];
        var name = Utf8Z.Into(Path.GetFileName(path), nameZ);
        var removed = directory.Unlink(name);
        if (removed == FileResult.Unsupported || removed == FileResult.OtherError)
        {
            removed = NativeFiles.Unlink(directory.Fd, name, directory: true);
        }

        var what = $"{path} was not a problem file ({FileResultText.Describe(found)})";
        return removed is FileResult.Ok or FileResult.NotFound
            ? $"{what}: removed it, unread"
            : $"{what} and could not be removed: {FileResultText.Describe(removed)}";
    }

    // The typed read: Ok with record, or why not (NotFound, IsSymlink, NotRegular, Denied, ...).
    public static FileResult Read(string path, out ProblemRecord? record)
    {
        record = null;
        var opened = DirectoryFd.Open(Path.GetDirectoryName(Path.GetFullPath(path))!, out var directory);
        if (opened != FileResult.Ok)
        {
            return opened;
        }

        using (directory)
        {
            Span<byte> nameZ = stackalloc byte[Utf8Z.MaxNameBytes];
            var result = NativeFiles.OpenRegular(directory.Fd, Utf8Z.Into(Path.GetFileName(path), nameZ), OpenFlags.ReadOnly, out var fd, out var stat);
            if (result != FileResult.Ok)
            {
                return result;
            }

            var buffer = new byte[Math.Min(stat.Size, MaxReadBytes)];
            result = NativeFiles.ReadAll(fd, buffer, out var read);
            NativeFiles.Close(fd);
            if (result != FileResult.Ok)
            {
                return result;
            }

            var text = Encoding.UTF8.GetString(buffer, 0, read);
            if (text.Length > 0 && !text.EndsWith('\n'))
            {
                text += "\n";
            }

            record = new ProblemRecord(Path.GetFileName(path), stat.Modified, text);
            return FileResult.Ok;
        }
    }
}
