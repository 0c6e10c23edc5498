namespace Watchdog.Metrics;

// Counters only the running daemon knows; the `metrics` verb has none.
internal readonly record struct DaemonCounters(long ProblemsOpened, long EscalationsStarted);
