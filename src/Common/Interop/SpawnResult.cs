namespace Watchdog.Common.Interop;

// Pid of the new process, or Error: what posix_spawn reported, in words (strerror).
internal readonly record struct SpawnResult(int Pid, string? Error)
{
    public bool Started => Error is null;
}
