using Watchdog.Common.Interop;

namespace Watchdog.Common.Protocol;

// Every state change on disk is a complete file written under a dot-name and then renamed into place, so a reader
// (or a crash) never sees half a file. All of it happens relative to the file's directory opened with O_NOFOLLOW
// (DirectoryFd): a symlink in place of the directory or of the file is refused, never written through.
internal static class AtomicFile
{
    // The writer kind in this process's temp names (TempName): its executable, `restarter` or `watchdog`.
    public static string WriterKind { get; } = KindOf(Environment.ProcessPath);

    // The step that puts a complete temp file in place of name, relative to the directory both are in.
    private delegate FileResult Publish(DirectoryFd directory, ReadOnlySpan<byte> tempZ, ReadOnlySpan<byte> nameZ);

    // Writes path whole, replacing whatever entry is there (rename replaces a symlink itself, never its target);
    // owner: the file is given to that uid and gid before it takes the name (a heart of a program with a user).
    public static void Replace(string path, ReadOnlySpan<byte> content, DateTimeOffset? mtime = null, bool durable = false, FileOwner? owner = null) =>
        ThrowOnError(Write(path, content, mtime, durable, "replace", static (d, temp, name) => d.Rename(temp, name), owner), "replace", path);

    // Creates path only if no entry has that name; returns false (and changes nothing) if one does.
    // link(2) fails with EEXIST instead of replacing: "only if none exists" (DESIGN.md §2).
    public static bool TryCreateNew(string path, ReadOnlySpan<byte> content, DateTimeOffset? mtime = null, bool durable = false)
    {
        var result = Write(path, content, mtime, durable, "create", static (d, temp, name) => d.Link(temp, name));
        if (result == FileResult.Exists)
        {
            return false;
        }

        ThrowOnError(result, "create", path);
        return true;
    }

    // Replaces path only while it still exists: returns false, recreating nothing, when another process renamed it
    // away meanwhile (a problem solved into history must not come back).
    public static bool TryReplaceExisting(string path, ReadOnlySpan<byte> content, DateTimeOffset? mtime = null, bool durable = false)
    {
        var result = Write(path, content, mtime, durable, "replace", static (d, temp, name) =>
        {
            var exchanged = d.Rename(temp, name, RenameMode.Exchange);
            if (exchanged != FileResult.Unsupported)
            {
                return exchanged;
            }

            // File systems without RENAME_EXCHANGE: a narrower race, still never a resurrection of a gone file
            // unless it is renamed away between these two calls.
            var exists = NativeFiles.Stat(d.Fd, name, out _);
            return exists == FileResult.Ok ? d.Rename(temp, name) : exists;
        });
        if (result == FileResult.NotFound)
        {
            return false;
        }

        ThrowOnError(result, "replace", path);
        return true;
    }

    // Removes the entry at path, whatever it is (a symlink itself, never its target); best effort.
    public static void TryDelete(string path)
    {
        if (DirectoryFd.Open(Path.GetDirectoryName(path) ?? ".", out var directory) == FileResult.Ok)
        {
            using (directory)
            {
                Span<byte> nameZ = stackalloc byte[Utf8Z.MaxNameBytes];
                _ = directory.Unlink(Utf8Z.Into(Path.GetFileName(path), nameZ));
            }
        }
    }

    // The directory of path, opened without following a symlink in its place; IOException naming it otherwise.
    public static DirectoryFd OpenDirectory(string path, string verb)
    {
        var directoryPath = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var result = DirectoryFd.Open(directoryPath, out var directory);
        if (result != FileResult.Ok)
        {
            throw new IOException($"cannot {verb} {path}: {directoryPath}: {FileResultText.Describe(result)}");
        }

        return directory;
    }

    internal static void ThrowOnError(FileResult result, string verb, string path)
    {
        if (result != FileResult.Ok)
        {
            throw new IOException($"cannot {verb} {path}: {FileResultText.Describe(result)}");
        }
    }

    // Writes a complete temp beside path and publishes it; the temp name is removed whatever happened (after a link
    // or an exchange it still names a file), and the directory is fsynced when durable.
    private static FileResult Write(string path, ReadOnlySpan<byte> content, DateTimeOffset? mtime, bool durable, string verb, Publish publish, FileOwner? owner = null)
    {
        using var directory = OpenDirectory(path, verb);
        Span<byte> nameZ = stackalloc byte[Utf8Z.MaxNameBytes];
        Span<byte> tempZ = stackalloc byte[Utf8Z.MaxNameBytes];
        var name = Utf8Z.Into(Path.GetFileName(path), nameZ);
        var temp = Utf8Z.Into(TempName.Format(Path.GetFileName(path), WriterKind), tempZ);
        ThrowOnError(directory.WriteNew(temp, content, mtime, durable, owner), "write", path);
        var result = publish(directory, temp, name);
        _ = directory.Unlink(temp);
        if (result == FileResult.Ok && durable)
        {
            ThrowOnError(directory.Sync(), "sync the directory of", path);
        }

        return result;
    }

    private static string KindOf(string? executable)
    {
        var name = Path.GetFileNameWithoutExtension(executable ?? string.Empty);
        return name.Length > 0 && name.All(char.IsAsciiLetterOrDigit) ? name : "writer";
    }
}
