using Watchdog.Common.Protocol;

namespace Watchdog.Cli;

// Open problems (problems/) and solved ones (history/), newest first.
internal static class ProblemReader
{
    public static IReadOnlyList<ProblemView> Open(RootLayout layout, ICollection<string> errors) =>
        Newest(ProtocolDirectory.Files(layout.Problems, errors)
            .Select(f => Read(f.FullName, f.Name, stamp: null, errors))
            .OfType<ProblemView>());

    // Solved problems first noticed at or after since (when given), at most limit (0: all) of them.
    public static IReadOnlyList<ProblemView> History(RootLayout layout, DateTimeOffset? since, string? name, int limit, ICollection<string> errors)
    {
        var entries = ProtocolDirectory.Files(layout.History, errors, IsHistoryName)
            .Select(f => HistoryName.TryParse(f.Name, out var stamp, out var entry) ? (File: f, Stamp: stamp, Name: entry) : default)
            .Where(e => (since is null || e.Stamp >= since) && (name is null || e.Name == name))
            .OrderByDescending(e => e.Stamp)
            .ThenBy(e => e.Name, StringComparer.Ordinal);
        var selected = limit > 0 ? entries.Take(limit) : entries;
        return selected.Select(e => Read(e.File.FullName, e.Name, e.Stamp, errors)).OfType<ProblemView>().ToList();
    }

    private static List<ProblemView> Newest(IEnumerable<ProblemView> problems) =>
        problems.OrderByDescending(p => p.FirstNoticed).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();

    // stamp: a history entry's first-noticed time from its name, which outlives any rewrite of its mtime.
    private static ProblemView? Read(string path, string name, DateTimeOffset? stamp, ICollection<string> errors)
    {
        try
        {
            return ProblemFile.TryRead(path) is { } record
                ? ProblemView.From(record with { Name = name, FirstNoticed = stamp ?? record.FirstNoticed }, solved: stamp is not null)
                : null;
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

    private static bool IsHistoryName(string file) => HistoryName.TryParse(file, out _, out _);
}
