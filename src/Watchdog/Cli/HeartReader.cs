using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;

namespace Watchdog.Cli;

// Reads heart files: mtime = last beat, content = timeout (the default when it is not a valid one).
internal static class HeartReader
{
    public static IReadOnlyList<HeartView> ReadAll(OperatorRoot root, DateTimeOffset now, ICollection<string> errors) =>
        ProtocolDirectory.Files(root.Layout.Hearts, errors)
            .Select(f => Read(f.FullName, root.DefaultTimeout, now, errors))
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
            errors.Add($"cannot read {path}: the path is too long");
            return null;
        }

        var terminated = native[..(length + 1)];
        var result = NativeMethods.StatNoFollow(terminated, out var stat);
        if (result != FileResult.Ok)
        {
            if (result != FileResult.NotFound)
            {
                errors.Add($"cannot read {path}: {FileResultText.Describe(result)}");
            }

            return null;
        }

        if (stat.Kind != FileKind.Regular)
        {
            errors.Add($"{path} is a {stat.Kind.ToString().ToLowerInvariant()}, not a heart file");
            return null;
        }

        Span<byte> content = stackalloc byte[HeartTimeout.MaxContentBytes + 1];
        var read = NativeMethods.ReadHead(terminated, content, out var n);
        if (read is not (FileResult.Ok or FileResult.NotFound))
        {
            errors.Add($"cannot read the timeout in {path}: {FileResultText.Describe(read)}");
        }

        var timeout = defaultTimeout;
        var valid = read == FileResult.Ok && HeartTimeout.TryParse(content[..n], out timeout);
        return new HeartView(Path.GetFileName(path), stat.Modified, valid ? timeout : defaultTimeout, valid, now);
    }
}
