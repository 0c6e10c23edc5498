namespace Watchdog.Detector;

// What one pass found. NextDeadline: how long until the earliest fresh heart can go stale (capped by max_interval).
internal readonly record struct ScanSummary(int Hearts, int StaleHearts, int Problems, TimeSpan NextDeadline);
