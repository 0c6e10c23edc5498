using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;

namespace Watchdog.Restarter.Supervision;

// Reading problems/ without following a symlink or opening a fifo (issue 14 §7: a fifo wedged the loop, a
// symlink published a file from outside the root). An entry that is not a regular file is no problem: it is
// named once in the log and skipped, never opened.
internal sealed class ProblemEntries(RootLayout layout, ILogger logger)
{
    private readonly ConcurrentDictionary<string, FileKind> refused = new(StringComparer.Ordinal);

    // The problem, or null when there is none (or it is not a regular file).
    public ProblemRecord? TryRead(string name) => IsRegularFile(name) ? ProblemFile.TryRead(layout.Problem(name)) : null;

    public bool IsRegularFile(string name)
    {
        Span<byte> path = stackalloc byte[NativeMethods.MaxPathBytes];
        if (!NativeMethods.TryBuildPath(layout.Problems, name, path, out var length)
            || NativeMethods.StatNoFollow(path[..(length + 1)], out var stat) != FileResult.Ok)
        {
            return false;
        }

        if (stat.Kind == FileKind.Regular)
        {
            refused.TryRemove(name, out _);
            return true;
        }

        if (!refused.TryGetValue(name, out var before) || before != stat.Kind)
        {
            refused[name] = stat.Kind;
            logger.LogWarning("Ignoring problem {Problem}: it is a {Kind}, not a regular file; remove it", name, stat.Kind);
        }

        return false;
    }
}
