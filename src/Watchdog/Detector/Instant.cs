namespace Watchdog.Detector;

// One moment on both clocks: the wall clock (which file mtimes use, and which can step) and the monotonic
// clock (elapsed since the watchdog started, which cannot). Tests build these directly to step one clock alone.
internal readonly record struct Instant(DateTimeOffset Wall, TimeSpan Monotonic)
{
    public Instant Add(TimeSpan elapsed) => new(Wall + elapsed, Monotonic + elapsed);
}
