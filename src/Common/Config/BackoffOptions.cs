namespace Watchdog.Common.Config;

// A program's `backoff:`. Reset: after running this long without a problem the backoff starts again from Initial.
internal sealed record BackoffOptions(TimeSpan Initial, TimeSpan Max, TimeSpan Reset);
