namespace Watchdog.Cli.Views;

// A program's condition as `status` reports it: the restarter's phase, checked against the operator's wish
// (down/) and against /proc.
internal enum ProgramCondition
{
    // Phase Running and its pid is the launched process.
    Running,

    // Running, but restarted again and again within limit.within (DESIGN.md §7: never reported healthy).
    Flapping,

    // The restarter is killing its tree (the state says when the stop signal went out).
    Killing,

    // Phase Running but the recorded process is gone (the restarter has not noticed yet, or is not running).
    Dead,

    // The restarter's orderly stop killed it; it runs again when the restarter does.
    ShutDown,

    Backoff,

    GivenUp,

    // down/NAME exists and the restarter has stopped it.
    Stopped,

    // down/NAME exists but the restarter has not stopped it yet.
    Stopping,

    // down/NAME is gone but the restarter still records it stopped.
    Starting,

    // It exited and its restart policy accepted the exit; `watchdog start NAME` runs it again.
    Done,

    // Configured, but the restarter has recorded no state for it (or the state cannot be read).
    Unknown,
}
