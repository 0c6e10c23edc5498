namespace Watchdog.Cli.Views;

// One heart as the CLI sees it. Staleness is by the wall clock only (the daemon's monotonic half needs a history
// the CLI does not have); a last beat in the future (startup grace) is fresh.
// TimeoutFromFile: false when the content was not a valid timeout and the default applies.
internal sealed record HeartView(string Name, DateTimeOffset LastBeat, TimeSpan Timeout, bool TimeoutFromFile, DateTimeOffset Now)
{
    public TimeSpan Age => Now - LastBeat;

    public bool Stale => Age > Timeout;

    // What is left of a launch's startup grace: the restarter sets a fresh heart's mtime that far in the future.
    public TimeSpan? GraceLeft => LastBeat > Now ? LastBeat - Now : null;
}
