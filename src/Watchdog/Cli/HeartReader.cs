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

    // Null when the heart does not exist (any more) or cannot be read (the reason is added to errors).
    public static HeartView? Read(string path, TimeSpan defaultTimeout, DateTimeOffset now, ICollection<string> errors)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var lastBeat = new DateTimeOffset(File.GetLastWriteTimeUtc(handle), TimeSpan.Zero);
            Span<byte> content = stackalloc byte[HeartTimeout.MaxContentBytes + 1];
            var read = RandomAccess.Read(handle, content, 0);
            var valid = HeartTimeout.TryParse(content[..read], out var timeout);
            return new HeartView(Path.GetFileName(path), lastBeat, valid ? timeout : defaultTimeout, valid, now);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            errors.Add($"cannot read {path}: permission denied");
            return null;
        }
        catch (IOException e)
        {
            errors.Add($"cannot read {path}: {e.Message}");
            return null;
        }
    }
}
