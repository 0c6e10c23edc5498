namespace Watchdog.Common.Interop;

// The uid and gid a file the root writes for a program is given (fchown): the program's heart is its own.
internal readonly record struct FileOwner(uint Uid, uint Gid);
