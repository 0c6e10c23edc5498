namespace Watchdog.Restarter.Supervision;

internal enum RestartKind
{
    Now,
    Delayed,
    GiveUp,
}

// What RestartPolicy decided for one restart. Restarts: the recent restart times including this one.
// EarlyFailures: the recent restarts of launches that had not proved themselves (this one included if so).
// Wait: the backoff delay (Delayed) or the cool-down (GiveUp).
internal sealed record RestartDecision(RestartKind Kind, TimeSpan Wait, IReadOnlyList<DateTimeOffset> Restarts, IReadOnlyList<DateTimeOffset> EarlyFailures, int BackoffAttempt, string Reason);
