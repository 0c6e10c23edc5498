using System.Globalization;
using Microsoft.Extensions.Logging;
using Watchdog.Common.Config;
using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;

namespace Watchdog.Restarter.Supervision;

// Solving a problem (DESIGN.md §2): append the resolution, then rename the file into history/ under its
// first-noticed stamp. The rename is the last step, so a crash before it leaves the problem open to be solved again.
internal sealed class HistoryStore(RootLayout layout, HistoryOptions options, TimeProvider time, ILogger<HistoryStore> logger)
{
    public const string Detector = "restarter";

    // Returns false when the problem was no longer open (someone else solved or removed it).
    public bool Solve(string problemPath, string resolution)
    {
        if (!ProblemFile.TryAppend(problemPath, time.GetUtcNow(), Detector, resolution))
        {
            return false;
        }

        var record = ProblemFile.TryRead(problemPath);
        if (record is null)
        {
            return false;
        }

        // Two problems of one name first noticed in the same millisecond: the later one moves a millisecond on.
        for (var shift = 0; shift < 1000; shift++)
        {
            var target = Path.Combine(layout.History, (record with { FirstNoticed = record.FirstNoticed.AddMilliseconds(shift) }).HistoryFileName);
            var result = NativeMethods.RenameNoReplace(problemPath, target);
            switch (result)
            {
                case FileResult.Ok:
                    return true;
                case FileResult.NotFound:
                    return false;
                case FileResult.Exists:
                    continue;
                case FileResult.Unsupported when !File.Exists(target):
                    File.Move(problemPath, target);
                    return true;
                default:
                    AtomicFile.ThrowOnError(result, "move to history", problemPath);
                    break;
            }
        }

        throw new IOException($"cannot move {problemPath} to history: 1000 entries with its name and stamp exist");
    }

    // Keeps the newest `keep` entries younger than `max_age`; the stamp in the name is the age.
    public int Prune()
    {
        string[] entries;
        try
        {
            entries = Directory.GetFiles(layout.History);
        }
        catch (DirectoryNotFoundException)
        {
            return 0;
        }

        var oldest = time.GetUtcNow() - options.MaxAge;
        var stamped = entries
            .Select(path => (Path: path, Stamp: StampOf(Path.GetFileName(path))))
            .Where(e => e.Stamp is not null)
            .OrderByDescending(e => Path.GetFileName(e.Path), StringComparer.Ordinal)
            .ToList();
        var removed = 0;
        for (var i = 0; i < stamped.Count; i++)
        {
            if (i >= options.Keep || stamped[i].Stamp < oldest)
            {
                AtomicFile.TryDelete(stamped[i].Path);
                removed++;
            }
        }

        if (removed > 0)
        {
            logger.LogDebug("Removed {Count} old history entries", removed);
        }

        return removed;
    }

    private static DateTimeOffset? StampOf(string fileName) =>
        fileName.Length > 21 && fileName[20] == '-'
        && DateTimeOffset.TryParseExact(fileName[..20], "yyyyMMdd'T'HHmmss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stamp)
            ? stamp
            : null;
}
