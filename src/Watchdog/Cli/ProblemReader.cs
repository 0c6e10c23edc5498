using Watchdog.Common.Protocol;

namespace Watchdog.Cli;

// Open problems (problems/) and solved ones (history/), newest first.
internal static class ProblemReader
{
    // The history file name: `<yyyyMMddTHHmmss.fffZ>-<name>` (DESIGN.md §2).
    private const int StampLength = 20;

    public static IReadOnlyList<ProblemView> Open(RootLayout layout, ICollection<string> errors) =>
        Newest(ProtocolDirectory.Files(layout.Problems, errors)
            .Select(f => Read(f.FullName, f.Name, stamp: null, errors))
            .OfType<ProblemView>());

    // Solved problems first noticed at or after since (when given), at most limit (0: all) of them.
    public static IReadOnlyList<ProblemView> History(RootLayout layout, DateTimeOffset? since, string? name, int limit, ICollection<string> errors)
    {
        var entries = ProtocolDirectory.Files(layout.History, errors, IsHistoryName)
            .Select(f => (File: f, Stamp: Stamp(f.Name), Name: f.Name[(StampLength + 1)..]))
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

    private static bool IsHistoryName(string file) =>
        file.Length > StampLength + 1 && file[StampLength] == '-' && Names.IsValid(file.AsSpan(StampLength + 1)) && Stamp(file) is not null;

    private static DateTimeOffset? Stamp(string file) =>
        DateTimeOffset.TryParseExact(
            file.AsSpan(0, Math.Min(StampLength, file.Length)),
            "yyyyMMdd'T'HHmmss.fff'Z'",
            System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal,
            out var at) ? at : null;
}
