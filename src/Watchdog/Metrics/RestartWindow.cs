namespace Watchdog.Metrics;

// "Restarts in the last hour", for `status` (RESTARTS/1H, restarts_last_hour) and the metrics
// (watchdog_program_restarts_last_hour) alike: restarts at times r with now − 1h < r ≤ now. A restart exactly one
// hour old has left the window; one stamped after now (the clock was stepped back since) is not counted until
// the clock reaches it, so the number never counts what has not happened yet by this clock.
internal static class RestartWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromHours(1);

    public static int CountLastHour(IEnumerable<DateTimeOffset> restarts, DateTimeOffset now) =>
        restarts.Count(r => r > now - Length && r <= now);
}
