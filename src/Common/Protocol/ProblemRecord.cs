namespace Watchdog.Common.Protocol;

// A problem as read from disk: its name, when it was first noticed (the file's mtime) and its report lines.
internal sealed record ProblemRecord(string Name, DateTimeOffset FirstNoticed, string Text)
{
    public IReadOnlyList<string> Lines => Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public string HistoryFileName => HistoryName.Format(FirstNoticed, Name);

    // What the last detector saw, without its time stamp; the problem's name when it has no report.
    public string LastReport => Lines is [.., var last] ? ProblemLine.WithoutTimestamp(last) : "problem " + Name;
}
