namespace Watchdog.Common.Config;

// `watchdog:` — the detector daemon.
internal sealed record DetectorOptions(
    TimeSpan DefaultTimeout,
    TimeSpan MaxInterval,
    TimeSpan EscalateAfter,
    IReadOnlyList<string> Escalate,
    TimeSpan EscalateTimeout,
    IReadOnlyList<string> OnProblem,
    TimeSpan OnProblemTimeout,
    string? MetricsFile);
