using Watchdog.Common.Interop;

namespace Watchdog.Common.Protocol;

// Every state change on disk is a complete file written under a dot-name and then renamed into place,
// so a reader (or a crash) never sees half a file.
internal static class AtomicFile
{
    // Writes path whole, replacing whatever is there.
    public static void Replace(string path, ReadOnlySpan<byte> content, DateTimeOffset? mtime = null, bool durable = false)
    {
        var temp = WriteTemp(path, content, mtime, durable);
        try
        {
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        SyncParent(path, durable);
    }

    // Creates path only if no file has that name; returns false (and changes nothing) if one does.
    public static bool TryCreateNew(string path, ReadOnlySpan<byte> content, DateTimeOffset? mtime = null, bool durable = false)
    {
        var temp = WriteTemp(path, content, mtime, durable);
        try
        {
            var result = NativeMethods.Link(temp, path);
            if (result == FileResult.Exists)
            {
                return false;
            }

            ThrowOnError(result, "create", path);
            SyncParent(path, durable);
            return true;
        }
        finally
        {
            TryDelete(temp);
        }
    }

    // Replaces path only while it still exists: returns false, recreating nothing, when another
    // process renamed it away meanwhile (a problem solved into history must not come back).
    public static bool TryReplaceExisting(string path, ReadOnlySpan<byte> content, DateTimeOffset? mtime = null, bool durable = false)
    {
        var temp = WriteTemp(path, content, mtime, durable);
        try
        {
            var result = NativeMethods.Exchange(temp, path);
            if (result == FileResult.NotFound)
            {
                return false;
            }

            if (result == FileResult.Unsupported)
            {
                // File systems without RENAME_EXCHANGE: a narrower race, still never a resurrection of a gone file
                // unless it is renamed away between these two calls.
                if (!File.Exists(path))
                {
                    return false;
                }

                File.Move(temp, path, overwrite: true);
            }
            else
            {
                ThrowOnError(result, "replace", path);
            }

            SyncParent(path, durable);
            return true;
        }
        finally
        {
            TryDelete(temp);
        }
    }

    // A dot-name beside path; dot-files are never hearts or problems (DESIGN.md §2).
    public static string TempPathFor(string path)
    {
        var dir = Path.GetDirectoryName(path) ?? ".";
        return Path.Combine(dir, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover dot-file is ignored by every reader.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }

    internal static void ThrowOnError(FileResult result, string verb, string path)
    {
        if (result != FileResult.Ok)
        {
            throw new IOException($"cannot {verb} {path}: {Describe(result)}");
        }
    }

    internal static string Describe(FileResult result) => result switch
    {
        FileResult.NotFound => "no such file or directory",
        FileResult.Exists => "it already exists",
        FileResult.Denied => "permission denied",
        FileResult.NoSpace => "no space left on device",
        FileResult.ReadOnly => "read-only file system",
        FileResult.Unsupported => "not supported by this file system",
        _ => "the system call failed",
    };

    private static string WriteTemp(string path, ReadOnlySpan<byte> content, DateTimeOffset? mtime, bool durable)
    {
        var temp = TempPathFor(path);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                stream.Write(content);
                if (durable)
                {
                    stream.Flush(flushToDisk: true);
                }
            }

            if (mtime is { } time)
            {
                File.SetLastWriteTimeUtc(temp, time.UtcDateTime);
            }

            return temp;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void SyncParent(string path, bool durable)
    {
        if (durable)
        {
            ThrowOnError(NativeMethods.SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!), "sync the directory of", path);
        }
    }
}
