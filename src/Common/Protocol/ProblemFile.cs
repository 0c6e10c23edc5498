using System.Text;

namespace Watchdog.Common.Protocol;

// A problem file (DESIGN.md §2): created only if none exists, changed only by rename, mtime = first noticed.
internal static class ProblemFile
{
    // The largest problem file read whole; a larger one is read only up to this size (junk written by hand).
    public const int MaxReadBytes = 1 << 20;

    // Opens problem name with its first line, unless a problem with that name is already open.
    // Returns false when one was (its file, first-noticed time and lines stay as they are).
    public static bool TryCreate(RootLayout layout, string name, DateTimeOffset noticed, string detector, string text) =>
        AtomicFile.TryCreateNew(layout.Problem(name), Encoding.UTF8.GetBytes(ProblemLine.Format(noticed, detector, text)), noticed);

    // Appends one report, keeping the first-noticed mtime. Returns false when the problem is no longer open.
    public static bool TryAppend(string path, DateTimeOffset at, string detector, string text)
    {
        ProblemRecord? current = TryRead(path);
        if (current is null)
        {
            return false;
        }

        var content = current.Text + ProblemLine.Format(at, detector, text);
        return AtomicFile.TryReplaceExisting(path, Encoding.UTF8.GetBytes(content), current.FirstNoticed);
    }

    // Reads a problem file; null when it does not exist (any more).
    public static ProblemRecord? TryRead(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var firstNoticed = new DateTimeOffset(File.GetLastWriteTimeUtc(handle), TimeSpan.Zero);
            var length = (int)Math.Min(RandomAccess.GetLength(handle), MaxReadBytes);
            var buffer = new byte[length];
            var read = 0;
            while (read < length)
            {
                var n = RandomAccess.Read(handle, buffer.AsSpan(read), read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            var text = Encoding.UTF8.GetString(buffer, 0, read);
            if (text.Length > 0 && !text.EndsWith('\n'))
            {
                text += "\n";
            }

            return new ProblemRecord(Path.GetFileName(path), firstNoticed, text);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }
}
