namespace Watchdog.Heartbeat;

// What the last attempt to beat did; a change of outcome is logged once.
internal enum BeatOutcome
{
    Ok,
    FileMissing,
    DirectoryMissing,
    PermissionDenied,
    NoSpace,
    ReadOnlyFileSystem,
    Failed,
}
