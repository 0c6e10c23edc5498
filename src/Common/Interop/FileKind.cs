namespace Watchdog.Common.Interop;

// The type of a directory entry as lstat(2) reports it (never following a symlink).
internal enum FileKind
{
    Regular,
    Directory,
    Symlink,
    Fifo,
    Socket,
    CharacterDevice,
    BlockDevice,
    Unknown,
}
