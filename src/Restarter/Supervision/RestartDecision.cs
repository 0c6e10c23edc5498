namespace Watchdog.Restarter.Supervision;

internal enum RestartKind
{
    Now,
    Delayed,
    GiveUp,
}

// What RestartPolicy decided for one restart. Restarts: the recent restart times including this one.
// Wait: the backoff delay (Delayed) or the cool-down (GiveUp).
internal sealed record RestartDecision(RestartKind Kind, TimeSpan Wait, IReadOnlyList<DateTimeOffset> Restarts, int BackoffAttempt, string Reason);
