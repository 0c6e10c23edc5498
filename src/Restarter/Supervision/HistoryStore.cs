using Microsoft.Extensions.Logging;
using Watchdog.Common.Config;
using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;

namespace Watchdog.Restarter.Supervision;

// Solving a problem (DESIGN.md §2): append the resolution, then rename the file into history/ under its
// first-noticed stamp. The rename is the last step, so a crash before it leaves the problem open to be solved again.
// Both directories are opened without following a symlink in their place (DirectoryFd), and the rename is relative
// to their fds: a history/ swapped for a symlink is never written into.
internal sealed class HistoryStore(RootLayout layout, HistoryOptions options, TimeProvider time, ILogger<HistoryStore> logger)
{
    public const string Detector = Detectors.Restarter;

    // Returns false when the problem was no longer open (someone else solved or removed it), or was not a problem
    // file at all (a symlink, a fifo: set aside, ProblemFile.SetAside, and logged).
    public bool Solve(string problemPath, string resolution)
    {
        if (ProblemFile.ReadOrSetAside(problemPath, out var setAside) is null)
        {
            if (setAside is not null)
            {
                logger.LogWarning("Set aside a problem entry: {What}", setAside);
            }

            return false;
        }

        // history/ first: a refused history/ must not leave the resolution appended to a problem that stays open.
        using var history = AtomicFile.OpenDirectory(Path.Combine(layout.History, Path.GetFileName(problemPath)), "move to history");
        using var problems = AtomicFile.OpenDirectory(problemPath, "move to history");
        if (!ProblemFile.TryAppend(problemPath, time.GetUtcNow(), Detector, resolution) || ProblemFile.TryRead(problemPath) is not { } record)
        {
            return false;
        }

        Span<byte> fromZ = stackalloc byte[Utf8Z.MaxNameBytes];
        Span<byte> toZ = stackalloc byte[Utf8Z.MaxNameBytes];
        var from = Utf8Z.Into(Path.GetFileName(problemPath), fromZ);

        // Two problems of one name first noticed in the same millisecond: the later one moves a millisecond on.
        for (var shift = 0; shift < 1000; shift++)
        {
            var to = Utf8Z.Into(HistoryName.Format(record.FirstNoticed.AddMilliseconds(shift), record.Name), toZ);
            var result = NativeFiles.Rename(problems.Fd, from, history.Fd, to, RenameMode.NoReplace);
            if (result == FileResult.Unsupported && NativeFiles.Stat(history.Fd, to, out _) == FileResult.NotFound)
            {
                result = NativeFiles.Rename(problems.Fd, from, history.Fd, to, RenameMode.Replace);
            }

            switch (result)
            {
                case FileResult.Ok:
                    return true;
                case FileResult.NotFound:
                    return false;
                case FileResult.Exists:
                    continue;
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
        if (DirectoryFd.Open(layout.History, out var history) != FileResult.Ok)
        {
            return 0;
        }

        using (history)
        {
            var oldest = time.GetUtcNow() - options.MaxAge;
            var stamped = history.ListNames()
                .Select(name => (Name: name, Stamp: HistoryName.TryParse(name, out var stamp, out _) ? stamp : (DateTimeOffset?)null))
                .Where(e => e.Stamp is not null)
                .OrderByDescending(e => e.Name, StringComparer.Ordinal)
                .ToList();
            var removed = 0;
            Span<byte> nameZ = stackalloc byte[Utf8Z.MaxNameBytes];
            for (var i = 0; i < stamped.Count; i++)
            {
                if ((i >= options.Keep || stamped[i].Stamp < oldest) && history.Unlink(Utf8Z.Into(stamped[i].Name, nameZ)) == FileResult.Ok)
                {
                    removed++;
                }
            }

            if (removed > 0)
            {
                logger.LogDebug("Removed {Count} old history entries", removed);
            }

            return removed;
        }
    }
}
