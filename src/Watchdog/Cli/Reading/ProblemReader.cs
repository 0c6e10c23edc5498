using System.Text;
using Watchdog.Cli.Views;
using Watchdog.Common.Protocol;

namespace Watchdog.Cli.Reading;

// Open problems (problems/) and solved ones (history/), newest first.
internal static class ProblemReader
{
    public static IReadOnlyList<ProblemView> Open(RootLayout layout, ICollection<string> errors) =>
        Newest(ProtocolDirectory.Names(layout.Problems, errors)
            .Select(name => Read(layout.Problem(name), name, stamp: null, errors))
            .OfType<ProblemView>());

    // Solved problems first noticed at or after since (when given), at most limit (0: all) of them.
    public static IReadOnlyList<ProblemView> History(RootLayout layout, DateTimeOffset? since, string? name, int limit, ICollection<string> errors)
    {
        var entries = ProtocolDirectory.Names(layout.History, errors, IsHistoryName)
            .Select(file => HistoryName.TryParse(file, out var stamp, out var entry) ? (Path: Path.Combine(layout.History, file), Stamp: stamp, Name: entry) : default)
            .Where(e => (since is null || e.Stamp >= since) && (name is null || e.Name == name))
            .OrderByDescending(e => e.Stamp)
            .ThenBy(e => e.Name, StringComparer.Ordinal);
        var selected = limit > 0 ? entries.Take(limit) : entries;
        return selected.Select(e => Read(e.Path, e.Name, e.Stamp, errors)).OfType<ProblemView>().ToList();
    }

    private static List<ProblemView> Newest(IEnumerable<ProblemView> problems) =>
        problems.OrderByDescending(p => p.FirstNoticed).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();

    // stamp: a history entry's first-noticed time from its name, which outlives any rewrite of its mtime.
    private static ProblemView? Read(string path, string name, DateTimeOffset? stamp, ICollection<string> errors)
    {
        if (RootFile.TryRead(path, ProblemFile.MaxReadBytes, errors) is not { } file)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(file.Bytes.Span);
        var record = new ProblemRecord(name, stamp ?? file.Modified, text.Length > 0 && !text.EndsWith('\n') ? text + "\n" : text);
        return ProblemView.From(record, solved: stamp is not null);
    }

    private static bool IsHistoryName(string file) => HistoryName.TryParse(file, out _, out _);
}
