namespace Watchdog.Metrics;

// One heart in an exposition.
internal readonly record struct HeartSample(string Name, TimeSpan Age, TimeSpan Timeout, bool Stale);
