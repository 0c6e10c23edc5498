namespace Watchdog.Common.Config;

// A program's `restart:` policy (DESIGN.md §4.6): which exits are problems at all. A hang is always a problem.
internal enum RestartWhen
{
    // Every exit is restarted (the default).
    Always,

    // An exit with one of success_exit_codes is done, not restarted; any other exit or a signal is restarted.
    OnFailure,

    // No exit is restarted: the program is done whatever its code.
    Never,
}
