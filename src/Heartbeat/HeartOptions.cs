using Microsoft.Extensions.Logging;

namespace Watchdog.Heartbeat;

/// <summary>
/// Optional settings for a <see cref="Heart"/>. Every property has a sensible default, so
/// <c>new HeartOptions()</c> (or passing <see langword="null"/>) is always valid.
/// </summary>
public sealed class HeartOptions
{
    /// <summary>
    /// The shortest time between two touches of the heart file. Calls to <see cref="Heart.Beat"/> within this
    /// interval of the last touch cost one clock read and do no I/O. <see langword="null"/> (the default) means a
    /// quarter of the heart's timeout; <see cref="TimeSpan.Zero"/> touches the file on every call. Must be shorter
    /// than the timeout.
    /// </summary>
    public TimeSpan? ThrottleInterval { get; set; }

    /// <summary>
    /// Where the heart reports that it cannot beat (once per change, never per call), that it beats again, or that
    /// the program is not supervised. <see langword="null"/> (the default) logs nothing.
    /// </summary>
    public ILogger? Logger { get; set; }

    /// <summary>
    /// The clock used for throttling. <see langword="null"/> (the default) means <see cref="TimeProvider.System"/>;
    /// tests pass a fake one.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }
}
