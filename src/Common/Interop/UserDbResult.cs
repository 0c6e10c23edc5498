namespace Watchdog.Common.Interop;

// What a user-database lookup found. Failed: the database could not be read (NSS error, out of memory), which is
// not the same as "no such user" and is reported as such.
internal enum UserDbResult
{
    Found,
    NotFound,
    Failed,
}
