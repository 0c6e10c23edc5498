namespace Watchdog.Common.Protocol;

// A problem as read from disk: its name, when it was first noticed (the file's mtime) and its report lines.
internal sealed record ProblemRecord(string Name, DateTimeOffset FirstNoticed, string Text)
{
    public IReadOnlyList<string> Lines => Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public string HistoryFileName => $"{ProblemLine.HistoryStamp(FirstNoticed)}-{Name}";
}
