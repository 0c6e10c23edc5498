namespace Watchdog.Common.Config;

// Checks beyond the file's own content, which need the machine the config will run on.
[Flags]
internal enum ConfigChecks
{
    None = 0,

    // Every command (program, escalate, hooks) exists and is executable; every program directory exists.
    Executables = 1,

    All = Executables,
}
