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
    // non-blocking read: a symlink is not followed and a fifo put there by mistake cannot hang the CLI. A heart
    // whose content cannot be read still has its last beat (the default timeout applies, the reason is added).
    public static HeartView? Read(string path, TimeSpan defaultTimeout, DateTimeOffset now, ICollection<string> errors)
    {
        if (RootFile.Stat(path, errors, "heart file") is not { } stat)
        {
            return null;
        }

        Span<byte> content = stackalloc byte[HeartTimeout.MaxContentBytes + 1];
        var read = RootFile.ReadHead(path, content, out var n);
        if (read is not (FileResult.Ok or FileResult.NotFound))
        {
            errors.Add($"cannot read the timeout in {Printable.Escape(path)}: {FileResultText.Describe(read)}");
        }

        var timeout = defaultTimeout;
        var valid = read == FileResult.Ok && HeartTimeout.TryParse(content[..n], out timeout);
        return new HeartView(Path.GetFileName(path), stat.Modified, valid ? timeout : defaultTimeout, valid, now);
    }
}
