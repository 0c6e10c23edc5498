using Watchdog.Common.Interop;

namespace Watchdog.Common.Protocol;

// The one way a heart is beaten (DESIGN.md §2–3), compiled into the Heartbeat library and used by `watchdog beat`
// and the daemons' own hearts: relative to the hearts directory opened without following a symlink, the heart's
// mtime moves only when it is a regular file; a symlink, fifo or device in its place is refused, never followed,
// opened or waited on. A missing heart is created whole (temp + link), never half-written.
internal static class HeartBeat
{
    // Touches the heart, creating it with content when missing. declare: the heart must declare content's timeout;
    // a heart declaring another one (or nothing valid) is rewritten whole, which is also a beat. inDirectory: the
    // failure was the hearts directory's, not the heart's.
    public static FileResult Beat(ReadOnlySpan<byte> directoryZ, ReadOnlySpan<byte> nameZ, string name, ReadOnlySpan<byte> content, bool declare, string kind, out bool inDirectory)
    {
        inDirectory = true;
        var opened = DirectoryFd.Open(directoryZ, out var directory);
        if (opened != FileResult.Ok)
        {
            return opened;
        }

        using (directory)
        {
            inDirectory = false;
            if (declare)
            {
                Span<byte> buffer = stackalloc byte[HeartTimeout.MaxContentBytes + 1];
                var read = directory.ReadHead(nameZ, buffer, out var length, out _);
                if (read is FileResult.IsSymlink or FileResult.NotRegular)
                {
                    return read;
                }

                if (read != FileResult.NotFound && !Declares(buffer[..length], content))
                {
                    return Write(directory, nameZ, name, content, kind, replace: true);
                }
            }

            var touched = directory.Touch(nameZ);
            return touched == FileResult.NotFound ? Write(directory, nameZ, name, content, kind, replace: false) : touched;
        }
    }

    // The string form for callers that beat rarely (a verb, a daemon's own heart): allocates.
    public static FileResult Beat(string path, ReadOnlySpan<byte> content, bool declare, string kind)
    {
        var name = Path.GetFileName(path);
        return Beat(Utf8Z.Of(Path.GetDirectoryName(path) ?? "."), Utf8Z.Of(name), name, content, declare, kind, out _);
    }

    private static bool Declares(ReadOnlySpan<byte> onDisk, ReadOnlySpan<byte> content) =>
        HeartTimeout.TryParse(onDisk, out var current) && HeartTimeout.TryParse(content, out var wanted) && current == wanted;

    // replace: false links the new file in only if no heart appeared meanwhile (then that one is touched instead).
    private static FileResult Write(DirectoryFd directory, ReadOnlySpan<byte> nameZ, string name, ReadOnlySpan<byte> content, string kind, bool replace)
    {
        Span<byte> tempZ = stackalloc byte[Utf8Z.MaxNameBytes];
        var temp = Utf8Z.Into(TempName.Format(name, kind), tempZ);
        var result = directory.WriteNew(temp, content, mtime: null, durable: false);
        if (result == FileResult.Denied && replace)
        {
            // A program running as its own user owns its heart but not hearts/ (docs/protocol.md, "Ownership"): it
            // cannot put a temp file beside it, so it rewrites its own heart in place, which is also a beat.
            return NativeFiles.Rewrite(directory.Fd, nameZ, content);
        }

        if (result != FileResult.Ok)
        {
            return result;
        }

        if (replace)
        {
            result = directory.Rename(temp, nameZ);
        }
        else
        {
            result = directory.Link(temp, nameZ);
            if (result == FileResult.Exists)
            {
                result = directory.Touch(nameZ);
            }
        }

        _ = directory.Unlink(temp);
        return result;
    }
}
