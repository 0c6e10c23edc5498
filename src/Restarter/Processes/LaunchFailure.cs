using Watchdog.Common.Config;
using Watchdog.Common.Interop;

namespace Watchdog.Restarter.Processes;

// The LaunchException message for a step watchdog-launch reported failed: what failed, for whom, and what to do.
internal static class LaunchFailure
{
    public static string Describe(ProgramOptions program, string? cgroup, LaunchReport report)
    {
        var who = program.Identity is { } identity ? $"user '{identity.UserName}' (uid {identity.Uid})" : "the restarter's user";
        var name = program.Name;
        return report.Stage switch
        {
            "cgroup" => $"could not move program '{name}' into its cgroup {cgroup}: {report.Error}; check that the restarter owns that delegated cgroup subtree",
            "rlimit-nofile" => $"could not set limits.nofile of program '{name}' to {program.Limits.Nofile}: {report.Error}; the kernel allows at most /proc/sys/fs/nr_open, lower the limit",
            "rlimit-nproc" => $"could not set limits.nproc of program '{name}' to {program.Limits.Nproc}: {report.Error}; check the value",
            "rlimit-core" => $"could not set limits.core of program '{name}' to {program.Limits.Core}: {report.Error}; check the value",
            "setgroups" or "setgid" => $"could not switch program '{name}' to the groups of {who} (gid {program.Identity?.Gid}): {report.Error}; the restarter must run as root to start a program as another user",
            "setuid" => $"could not switch program '{name}' to {who}: {report.Error}; the restarter must run as root to start a program as another user",
            "chdir" => $"program '{name}', as {who}, cannot enter its directory '{program.Directory}': {report.Error}; give that user search permission on every directory of the path, or change `directory`",
            "exec" => $"could not start program '{name}' ({program.Executable}) as {who}: {report.Error}; check that the command exists and that this user may read and execute it",
            _ => $"{LauncherCommand.FileName} refused to start program '{name}' ({report.Stage}: {report.Error}); it does not match this restarter: reinstall both together",
        };
    }
}
