namespace Watchdog.Detector;

// Two-clock staleness (DESIGN.md §2): a file is older than a limit only when the wall clock (now − mtime) and
// the monotonic clock (now − when the mtime was seen to change) both say so. A wall-clock step or a
// suspend/resume moves one clock only, so it never marks anything on its own.
internal struct StalenessClock
{
    private bool seen;
    private TimeSpan lastLook;

    public DateTimeOffset Modified { get; private set; }

    // The monotonic time of the last change of Modified. On first sight it is inferred from the wall age, so the
    // wall clock alone decides until the mtime next changes. On a change it is the wall-derived beat time clamped
    // to the interval since the previous look, so a beat is dated exactly when the clocks agree and at worst one
    // pass off when the wall clock stepped.
    public TimeSpan MonotonicChange { get; private set; }

    public void Observe(DateTimeOffset modified, Instant now)
    {
        var wallAge = now.Wall - modified;
        if (!seen)
        {
            MonotonicChange = now.Monotonic - (wallAge > TimeSpan.Zero ? wallAge : TimeSpan.Zero);
            seen = true;
        }
        else if (modified != Modified)
        {
            MonotonicChange = Clamp(now.Monotonic - wallAge, lastLook, now.Monotonic);
        }

        Modified = modified;
        lastLook = now.Monotonic;
    }

    public readonly TimeSpan WallAge(Instant now) => now.Wall - Modified;

    public readonly TimeSpan MonotonicAge(Instant now) => now.Monotonic - MonotonicChange;

    // Strictly older than limit on both clocks.
    public readonly bool IsOlderThan(TimeSpan limit, Instant now) => WallAge(now) > limit && MonotonicAge(now) > limit;

    // How long until IsOlderThan(limit) can first be true; zero or less when it already is.
    public readonly TimeSpan TimeUntilOlderThan(TimeSpan limit, Instant now)
    {
        var wall = limit - WallAge(now);
        var monotonic = limit - MonotonicAge(now);
        return wall > monotonic ? wall : monotonic;
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) =>
        value < min ? min : value > max ? max : value;
}
