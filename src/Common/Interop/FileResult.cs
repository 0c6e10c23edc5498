namespace Watchdog.Common.Interop;

// What a file-system call did, in words the caller can act on (never a raw errno).
internal enum FileResult
{
    Ok,
    NotFound,
    Exists,
    Denied,
    NoSpace,
    ReadOnly,
    Unsupported,
    OtherError,
}
