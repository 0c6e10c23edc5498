using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Watchdog.Heartbeat;

/// <summary>
/// Settings for the hosted service <see cref="HeartbeatServiceCollectionExtensions.AddHeartbeat"/> registers.
/// Everything left <see langword="null"/> comes from the environment the restarter sets (<c>WATCHDOG_HEARTS</c>,
/// <c>WATCHDOG_HEART</c>, <c>WATCHDOG_HEART_TIMEOUT</c>), so a supervised program needs no settings at all.
/// </summary>
public sealed class HeartbeatServiceOptions
{
    /// <summary>The hearts directory; <see langword="null"/> means <c>WATCHDOG_HEARTS</c>. When neither is set the
    /// program is not supervised and the service does nothing.</summary>
    public string? Directory { get; set; }

    /// <summary>The heart's name; <see langword="null"/> means <c>WATCHDOG_HEART</c>, the program's first heart.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// The heart's timeout; <see langword="null"/> means <c>WATCHDOG_HEART_TIMEOUT</c> for the program's first heart,
    /// otherwise <see cref="Heart.DefaultTimeout"/>.
    /// </summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>How often the health checks run and the heart beats; <see langword="null"/> means a third of the
    /// timeout. Must be shorter than the timeout.</summary>
    public TimeSpan? Interval { get; set; }

    /// <summary>
    /// Which registered health checks decide whether the heart beats (for example those tagged <c>live</c>);
    /// <see langword="null"/> means all of them.
    /// </summary>
    public Func<HealthCheckRegistration, bool>? Predicate { get; set; }
}
