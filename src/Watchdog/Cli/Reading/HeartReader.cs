using Watchdog.Cli.Text;
using Watchdog.Cli.Views;
using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;

namespace Watchdog.Cli.Reading;

// Reads heart files: mtime = last beat, content = timeout (the default when it is not a valid one).
internal static class HeartReader
{
    public static IReadOnlyList<HeartView> ReadAll(OperatorRoot root, DateTimeOffset now, ICollection<string> errors) =>
        ProtocolDirectory.Names(root.Layout.Hearts, errors)
            .Select(name => Read(root.Layout.Heart(name), root.DefaultTimeout, now, errors))
            .OfType<HeartView>()
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToList();

    // Null when the heart does not exist (any more) or is no plain file (the reason is added to errors). lstat and a
    // non-blocking read: a symlink is not followed and a fifo put there by mistake cannot hang the CLI.
    public static HeartView? Read(string path, TimeSpan defaultTimeout, DateTimeOffset now, ICollection<string> errors)
    {
        Span<byte> native = stackalloc byte[NativeMethods.MaxPathBytes];
        if (!NativeMethods.TryBuildPath(Path.GetDirectoryName(path), Path.GetFileName(path), native, out var length))
        {
            errors.Add($"cannot read {Printable.Escape(path)}: the path is too long");
            return null;
        }

        var terminated = native[..(length + 1)];
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
            errors.Add($"{Printable.Escape(path)} is a {RootFile.KindName(stat.Kind)}, not a heart file");
            return null;
        }

        Span<byte> content = stackalloc byte[HeartTimeout.MaxContentBytes + 1];
        var read = NativeMethods.ReadHead(terminated, content, out var n);
        if (read is not (FileResult.Ok or FileResult.NotFound))
        {
            errors.Add($"cannot read the timeout in {Printable.Escape(path)}: {AtomicFile.Describe(read)}");
        }

        var timeout = defaultTimeout;
        var valid = read == FileResult.Ok && HeartTimeout.TryParse(content[..n], out timeout);
        return new HeartView(Path.GetFileName(path), stat.Modified, valid ? timeout : defaultTimeout, valid, now);
    }
}
