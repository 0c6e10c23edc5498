using Watchdog.Cli.Text;
using Watchdog.Common.Interop;

namespace Watchdog.Cli.Reading;

// Reads one file below the root the way every verb must (DESIGN.md §2, issue 14): lstat first, so a symlink, fifo,
// socket or device is refused by its kind and never opened; then a bounded read opened with O_NOFOLLOW|O_NONBLOCK,
// so one swapped in after the lstat is not followed and cannot block the verb either.
internal static class RootFile
{
    private const string RegularFile = "regular file";

    // Null when the file does not exist (nothing added to errors) or was refused or unreadable (the reason added).
    public static RootFileContent? TryRead(string path, int maxBytes, ICollection<string> errors)
    {
        if (Stat(path, errors) is not { } stat)
        {
            return null;
        }

        var buffer = new byte[(int)Math.Clamp(stat.Size, 0, maxBytes)];
        var read = ReadHead(path, buffer, out var n);
        if (read != FileResult.Ok)
        {
            if (read != FileResult.NotFound)
            {
                errors.Add($"cannot read {Printable.Escape(path)}: {FileResultText.Describe(read)}");
            }

            return null;
        }

        return new RootFileContent(stat.Modified, buffer.AsMemory(0, n));
    }

    // lstat of a regular file: null when it is missing (nothing added to errors), or when it is something else or
    // cannot be looked at (the reason added; what names the file the caller expected, e.g. "heart file").
    public static FileStat? Stat(string path, ICollection<string> errors, string what = RegularFile)
    {
        var result = Lstat(path, out var stat);
        if (result != FileResult.Ok)
        {
            if (result != FileResult.NotFound)
            {
                errors.Add($"cannot read {Printable.Escape(path)}: {FileResultText.Describe(result)}");
            }

            return null;
        }

        if (stat.Kind != FileKind.Regular)
        {
            errors.Add(what == RegularFile ? Refusal(path, stat.Kind) : $"{Printable.Escape(path)} is a {KindName(stat.Kind)}, not a {what}");
            return null;
        }

        return stat;
    }

    // The first bytes of path, opened O_NOFOLLOW|O_NONBLOCK (see NativeMethods.ReadHead).
    public static FileResult ReadHead(string path, Span<byte> buffer, out int read)
    {
        Span<byte> native = stackalloc byte[NativeMethods.MaxPathBytes];
        read = 0;
        return Native(path, native) is { } length ? NativeMethods.ReadHead(native[..(length + 1)], buffer, out read) : FileResult.OtherError;
    }

    // lstat(2): never follows a symlink. A path too long for PATH_MAX is an error like any other.
    public static FileResult Lstat(string path, out FileStat stat)
    {
        Span<byte> native = stackalloc byte[NativeMethods.MaxPathBytes];
        stat = default;
        return Native(path, native) is { } length ? NativeMethods.StatNoFollow(native[..(length + 1)], out stat) : FileResult.OtherError;
    }

    // Whether path names a regular file, by lstat: false when it is missing, and false with the refusal in errors
    // when it is something else (a symlink is not followed to see what it points at).
    public static bool IsRegular(string path, ICollection<string> errors) => Stat(path, errors) is not null;

    // Whether anything has this name, by lstat (a dangling symlink counts: it is there, and refused when read).
    public static bool Exists(string path) => Lstat(path, out _) != FileResult.NotFound;

    public static string Refusal(string path, FileKind kind) =>
        $"{Printable.Escape(path)} is a {KindName(kind)}, not a regular file: refused (never followed or opened)";

    public static string KindName(FileKind kind) => kind switch
    {
        FileKind.Regular => RegularFile,
        FileKind.CharacterDevice => "character device",
        FileKind.BlockDevice => "block device",
        FileKind.Unknown => "file of unknown type",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static int? Native(string path, Span<byte> buffer) =>
        NativeMethods.TryBuildPath(Path.GetDirectoryName(path), Path.GetFileName(path), buffer, out var length) ? length : null;
}
