using Watchdog.Cli.Text;
using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;

namespace Watchdog.Cli.Reading;

// Reads one file below the root the way every verb must (DESIGN.md §2, issue 14): lstat first, so a symlink, fifo,
// socket or device is refused by its kind and never opened; then a bounded read opened with O_NOFOLLOW|O_NONBLOCK,
// so one swapped in after the lstat is not followed and cannot block the verb either.
internal static class RootFile
{
    // Null when the file does not exist (nothing added to errors) or was refused or unreadable (the reason added).
    public static RootFileContent? TryRead(string path, int maxBytes, ICollection<string> errors)
    {
        Span<byte> native = stackalloc byte[NativeMethods.MaxPathBytes];
        if (!NativeMethods.TryBuildPath(Path.GetDirectoryName(path), Path.GetFileName(path), native, out var length))
        {
            errors.Add($"cannot read {Printable.Escape(path)}: the path is too long");
            return null;
        }

        var terminated = native[..(length + 1)];
        if (Stat(terminated, path, errors) is not { } stat)
        {
            return null;
        }

        var buffer = new byte[(int)Math.Clamp(stat.Size, 0, maxBytes)];
        var read = NativeMethods.ReadHead(terminated, buffer, out var n);
        if (read != FileResult.Ok)
        {
            if (read != FileResult.NotFound)
            {
                errors.Add($"cannot read {Printable.Escape(path)}: {AtomicFile.Describe(read)}");
            }

            return null;
        }

        return new RootFileContent(stat.Modified, buffer.AsMemory(0, n));
    }

    // Whether path names a regular file, by lstat: false when it is missing, and false with the refusal in errors
    // when it is something else (a symlink is not followed to see what it points at).
    public static bool IsRegular(string path, ICollection<string> errors)
    {
        Span<byte> native = stackalloc byte[NativeMethods.MaxPathBytes];
        return NativeMethods.TryBuildPath(Path.GetDirectoryName(path), Path.GetFileName(path), native, out var length)
            && Stat(native[..(length + 1)], path, errors) is not null;
    }

    // Whether anything has this name, by lstat (a dangling symlink counts: it is there, and refused when read).
    public static bool Exists(string path)
    {
        Span<byte> native = stackalloc byte[NativeMethods.MaxPathBytes];
        return NativeMethods.TryBuildPath(Path.GetDirectoryName(path), Path.GetFileName(path), native, out var length)
            && NativeMethods.StatNoFollow(native[..(length + 1)], out _) != FileResult.NotFound;
    }

    public static string Refusal(string path, FileKind kind) =>
        $"{Printable.Escape(path)} is a {KindName(kind)}, not a regular file: refused (never followed or opened)";

    public static string KindName(FileKind kind) => kind switch
    {
        FileKind.Regular => "regular file",
        FileKind.CharacterDevice => "character device",
        FileKind.BlockDevice => "block device",
        FileKind.Unknown => "file of unknown type",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static FileStat? Stat(ReadOnlySpan<byte> terminated, string path, ICollection<string> errors)
    {
        var result = NativeMethods.StatNoFollow(terminated, out var stat);
        if (result != FileResult.Ok)
        {
            if (result != FileResult.NotFound)
            {
                errors.Add($"cannot read {Printable.Escape(path)}: {AtomicFile.Describe(result)}");
            }

            return null;
        }

        if (stat.Kind != FileKind.Regular)
        {
            errors.Add(Refusal(path, stat.Kind));
            return null;
        }

        return stat;
    }
}
