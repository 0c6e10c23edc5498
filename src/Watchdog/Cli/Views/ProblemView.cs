using System.Text.RegularExpressions;
using Watchdog.Common.Protocol;

namespace Watchdog.Cli.Views;

// An open or solved problem with what can be said about its timing.
// SolvedAt: the history entry's last line time (null while open, or when that line has no time).
internal sealed partial record ProblemView(string Name, DateTimeOffset FirstNoticed, IReadOnlyList<ReportLine> Lines, bool Solved)
{
    public static ProblemView From(ProblemRecord record, bool solved) =>
        new(record.Name, record.FirstNoticed, record.Lines.Select(ReportLine.Parse).ToList(), solved);

    public ReportLine? FirstLine => Lines.Count > 0 ? Lines[0] : null;

    // Time to detect: how long the heart had been silent when the problem was written, where the first line says
    // so (`silent for 31.0s`); null for exits, operator marks and lines in other forms.
    public TimeSpan? TimeToDetect =>
        FirstLine is { } first && SilentFor().Match(first.Text) is { Success: true } match
        && Duration.TryParse(match.Groups[1].Value, out var silence) ? silence : null;

    public DateTimeOffset? SolvedAt => Solved && Lines.Count > 1 ? Lines[^1].At : null;

    // Time to solve: from first noticed to the resolution line the restarter appended.
    public TimeSpan? TimeToSolve => SolvedAt is { } at && at >= FirstNoticed ? at - FirstNoticed : null;

    [GeneratedRegex(@"silent for ([0-9]+(?:\.[0-9]+)?(?:ms|s|m|h|d)?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex SilentFor();
}
