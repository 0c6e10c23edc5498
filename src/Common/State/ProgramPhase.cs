namespace Watchdog.Common.State;

// Where a supervised program is in its life, as the restarter last recorded it.
internal enum ProgramPhase
{
    // Launched; its tagged tree is (or was at the last write) alive.
    Running,

    // Its tree was killed and a relaunch is scheduled at ProgramState.NextLaunchAt.
    Backoff,

    // Too many restarts within the limit; stopped until ProgramState.NextLaunchAt (the cool-down).
    GivenUp,

    // `down/<name>` exists: the operator wants it stopped.
    Stopped,

    // It exited and its restart policy accepted the exit: not restarted until `watchdog start NAME`.
    Done,
}
