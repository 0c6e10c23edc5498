namespace Watchdog.Common.Interop;

// One passwd entry (getpwnam_r/getpwuid_r): what a program running as this user needs from the user database.
internal sealed record UserEntry(string Name, uint Uid, uint Gid, string Home, string Shell);
