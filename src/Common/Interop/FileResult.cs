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

    // A symlink where a file or protocol directory should be: refused, never followed (O_NOFOLLOW's ELOOP).
    IsSymlink,

    // A fifo, socket, device or directory where a regular file should be: never opened, so never waited on.
    NotRegular,

    // Something that is not a directory where a protocol directory should be.
    NotDirectory,

    // The file is larger than the reader's bound: junk, not protocol content.
    TooLarge,
    OtherError,
}
