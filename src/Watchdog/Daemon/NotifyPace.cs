using Watchdog.Detector;

namespace Watchdog.Daemon;

// The pure step after each pass: what to tell systemd (READY=1 with the first STATUS=, STATUS= when the summary
// changes, WATCHDOG=1 once per watchdog interval) and how long the loop may sleep: until the next heart can go
// stale, at most max_interval, and never past the next WATCHDOG=1 that is due.
internal sealed class NotifyPace(TimeSpan? watchdogInterval, TimeSpan maxInterval)
{
    // Staleness is strictly "older than": waking exactly on the deadline would find the heart still fresh.
    public static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(1);

    private string? status;
    private TimeSpan nextPing;

    public bool IsReady { get; private set; }

    // max_interval, which a reload may change.
    public TimeSpan MaxInterval { get; set; } = maxInterval;

    // Said before the summary while it is set (a rejected reload).
    public string? Note { get; set; }

    // monotonic: elapsed since the daemon started. Notification: null when there is nothing to send.
    public (string? Notification, TimeSpan Sleep) After(ScanSummary summary, TimeSpan monotonic)
    {
        var lines = new List<string>(3);
        var line = Note is { } note ? note + "; " + StatusLine.Format(summary) : StatusLine.Format(summary);
        if (!IsReady)
        {
            IsReady = true;
            lines.Add("READY=1");
        }

        if (line != status)
        {
            status = line;
            lines.Add("STATUS=" + line);
        }

        var sleep = summary.NextDeadline + Margin;
        if (watchdogInterval is { } interval)
        {
            if (monotonic >= nextPing)
            {
                lines.Add("WATCHDOG=1");
                nextPing = monotonic + interval;
            }

            sleep = Min(sleep, nextPing - monotonic);
        }

        return (lines.Count == 0 ? null : string.Join('\n', lines), Clamp(sleep, Margin, MaxInterval));
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;
}
