namespace Watchdog.Common.Interop;

// What sending a signal did. Gone: the process had already exited (or was reaped);
// Denied: EPERM, the caller may not signal it.
internal enum SignalResult
{
    Sent,
    Gone,
    Denied,
    Failed,
}
