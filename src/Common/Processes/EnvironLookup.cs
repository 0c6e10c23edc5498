namespace Watchdog.Common.Processes;

// What /proc/PID/environ said about one variable.
internal enum EnvironLookup
{
    // The process is gone, or its environment cannot be read (another user's process without CAP_SYS_PTRACE).
    Unreadable,

    Absent,

    Found,

    // The variable is there, but its value is longer than the caller's buffer: it is no value the caller looks for.
    TooLong,
}
