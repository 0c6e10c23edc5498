using Watchdog.Common.Interop;

namespace Watchdog.Common.Protocol;

// Every state change on disk is a complete file written under a dot-name and then renamed into place, so a reader
// (or a crash) never sees half a file. All of it happens relative to the file's directory opened with O_NOFOLLOW
// (DirectoryFd): a symlink in place of the directory or of the file is refused, never written through.
internal static class AtomicFile
{
    // The writer kind in this process's temp names (TempName): its executable, `restarter` or `watchdog`.
    public static string WriterKind { get; } = KindOf(Environment.ProcessPath);

    // Writes path whole, replacing whatever entry is there (rename replaces a symlink itself, never its target).
    public static void Replace(string path, ReadOnlySpan<byte> content, DateTimeOffset? mtime = null, bool durable = false)
    {
        using var directory = OpenDirectory(path, "write");
        Span<byte> nameZ = stackalloc byte[Utf8Z.MaxNameBytes];
        Span<byte> tempZ = stackalloc byte[Utf8Z.MaxNameBytes];
        var name = Utf8Z.Into(Path.GetFileName(path), nameZ);
        var temp = WriteTemp(directory, path, tempZ, content, mtime, durable);
        var result = directory.Rename(temp, name);
        if (result != FileResult.Ok)
        {
            _ = directory.Unlink(temp);
        }

        ThrowOnError(result, "replace", path);
        SyncDirectory(directory, path, durable);
    }

    // Creates path only if no entry has that name; returns false (and changes nothing) if one does.
    public static bool TryCreateNew(string path, ReadOnlySpan<byte> content, DateTimeOffset? mtime = null, bool durable = false)
    {
        using var directory = OpenDirectory(path, "create");
        Span<byte> nameZ = stackalloc byte[Utf8Z.MaxNameBytes];
        Span<byte> tempZ = stackalloc byte[Utf8Z.MaxNameBytes];
        var name = Utf8Z.Into(Path.GetFileName(path), nameZ);
        var temp = WriteTemp(directory, path, tempZ, content, mtime, durable);

        // link(2) fails with EEXIST instead of replacing: "only if none exists" (DESIGN.md §2).
        var result = directory.Link(temp, name);
        _ = directory.Unlink(temp);
        if (result == FileResult.Exists)
        {
            return false;
        }

        ThrowOnError(result, "create", path);
        SyncDirectory(directory, path, durable);
        return true;
    }

    // Replaces path only while it still exists: returns false, recreating nothing, when another process renamed it
    // away meanwhile (a problem solved into history must not come back).
    public static bool TryReplaceExisting(string path, ReadOnlySpan<byte> content, DateTimeOffset? mtime = null, bool durable = false)
    {
        using var directory = OpenDirectory(path, "replace");
        Span<byte> nameZ = stackalloc byte[Utf8Z.MaxNameBytes];
        Span<byte> tempZ = stackalloc byte[Utf8Z.MaxNameBytes];
        var name = Utf8Z.Into(Path.GetFileName(path), nameZ);
        var temp = WriteTemp(directory, path, tempZ, content, mtime, durable);
        try
        {
            var result = directory.Rename(temp, name, RenameMode.Exchange);
            if (result == FileResult.Unsupported)
            {
                // File systems without RENAME_EXCHANGE: a narrower race, still never a resurrection of a gone file
                // unless it is renamed away between these two calls.
                result = NativeFiles.Stat(directory.Fd, name, out _);
                if (result == FileResult.Ok)
                {
                    result = directory.Rename(temp, name);
                }
            }

            if (result == FileResult.NotFound)
            {
                return false;
            }

            ThrowOnError(result, "replace", path);
            SyncDirectory(directory, path, durable);
            return true;
        }
        finally
        {
            // After an exchange the temp name holds the old file.
            _ = directory.Unlink(temp);
        }
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

    private static ReadOnlySpan<byte> WriteTemp(DirectoryFd directory, string path, Span<byte> tempZ, ReadOnlySpan<byte> content, DateTimeOffset? mtime, bool durable)
    {
        var temp = Utf8Z.Into(TempName.Format(Path.GetFileName(path), WriterKind), tempZ);
        ThrowOnError(directory.WriteNew(temp, content, mtime, durable), "write", path);
        return temp;
    }

    private static void SyncDirectory(DirectoryFd directory, string path, bool durable)
    {
        if (durable)
        {
            ThrowOnError(directory.Sync(), "sync the directory of", path);
        }
    }

    private static string KindOf(string? executable)
    {
        var name = Path.GetFileNameWithoutExtension(executable ?? string.Empty);
        return name.Length > 0 && name.All(char.IsAsciiLetterOrDigit) ? name : "writer";
    }
}
