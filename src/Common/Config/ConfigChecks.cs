namespace Watchdog.Common.Config;

// Checks beyond the file's own content, which need the machine the config will run on.
[Flags]
internal enum ConfigChecks
{
    None = 0,

    // Every restarter command (programs, on_give_up) exists and is executable; every program directory exists.
    Executables = 1,

    // The watchdog's own commands (escalate, on_problem) exist and are executable. Separate so that `watchdog run`
    // checks what it will run without refusing to start over a restarter program it never launches.
    DetectorCommands = 2,

    All = Executables | DetectorCommands,
}
