namespace Watchdog.Common.Interop;

// What lstat(2) says about one file. Changed (ctime, in ticks) moves on every write, touch and rename,
// so together with Inode and Size it tells whether a file's content may have changed since it was last read.
internal readonly record struct FileStat(FileKind Kind, ulong Inode, long Size, DateTimeOffset Modified, long Changed);
