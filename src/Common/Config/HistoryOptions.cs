namespace Watchdog.Common.Config;

// `restarter.history:` — how many solved problems are kept, and for how long.
internal sealed record HistoryOptions(int Keep, TimeSpan MaxAge);
