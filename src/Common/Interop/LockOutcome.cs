namespace Watchdog.Common.Interop;

// What taking a daemon's lock file did.
internal enum LockOutcome
{
    // Locked: the handle holds it until it is closed (or the process dies).
    Acquired,

    // Another process holds it; Holder is what that process wrote into the file (its pid).
    Held,

    // A symlink, fifo, socket or device has the name: never opened, never locked.
    NotRegular,

    // It could not be created or opened; Error says why.
    Failed,
}
