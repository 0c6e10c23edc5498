namespace Watchdog.Common.Processes;

// The ways a hook run ends; TimedOut and Cancelled (the daemon is stopping) mean its tree was killed.
internal enum HookEnd
{
    Exited,
    Signalled,
    TimedOut,
    Cancelled,
    NotStarted,
}
