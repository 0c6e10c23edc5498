using Microsoft.Extensions.Logging;
using Watchdog.Common.Hosting;
using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;

namespace Watchdog.Restarter.Supervision;

// Reading problems/ without following a symlink or opening a fifo (issue 14 §7: a fifo wedged the loop, a
// symlink published a file from outside the root). An entry that is not a regular file is set aside (removed,
// unread) with one warning: left in place it would also keep the watchdog from ever opening that name's problem.
internal sealed class ProblemEntries(RootLayout layout, ILogger logger)
{
    // The valid names in problems/, listed through a directory fd opened without following a symlink.
    public IReadOnlyList<string> Names()
    {
        var opened = DirectoryFd.Open(layout.Problems, out var directory);
        if (opened == FileResult.NotFound)
        {
            return [];
        }

        using (directory)
        {
            AtomicFile.ThrowOnError(opened, "list", layout.Problems);
            return directory.ListNames().Where(n => Common.Protocol.Names.IsValid(n)).ToList();
        }
    }

    // The problem, or null when there is none (or it was not a regular file and has been set aside).
    public ProblemRecord? TryRead(string name)
    {
        var record = ProblemFile.ReadOrSetAside(layout.Problem(name), out var setAside);
        if (setAside is not null)
        {
            logger.LogWarning("Set aside a problem entry: {What}", LogText.Escape(setAside));
        }

        return record;
    }
}
