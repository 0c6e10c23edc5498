namespace Watchdog.Common.Interop;

// What watchdog-launch said about a launch. Started: its exec succeeded (the error pipe reached end of file) or it
// said nothing in time. Otherwise Stage is the step that failed (cgroup, rlimit-nofile, setgroups, setgid, setuid,
// chdir, exec, usage) and Error what the kernel said, in words.
internal readonly record struct LaunchReport(string? Stage, string? Error)
{
    public static readonly LaunchReport Started = new(null, null);

    public bool Failed => Stage is not null;
}
