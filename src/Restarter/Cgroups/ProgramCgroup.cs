using Microsoft.Extensions.Logging;
using Watchdog.Common.Config;
using Watchdog.Common.Processes;
using Watchdog.Restarter.Processes;

namespace Watchdog.Restarter.Cgroups;

// One program's side of ProgramCgroups, for its executor: the cgroup of the current launch, prepared before it
// starts, adopted with it, asked about its end (OOM) and killed and removed as the last step of its tree kill.
// cgroups null: no cgroup support in this life (every launch stays in the restarter's cgroup).
internal sealed class ProgramCgroup(ProgramOptions program, ProgramCgroups? cgroups, TimeProvider time, ILogger logger)
{
    public const string NoDelegation = "no delegated cgroup v2 subtree";

    private static readonly HashSet<string> NoControllers = [];

    private CgroupLaunch? current;

    // Before a launch: the cgroup it is to run in (Path null: the restarter's own) and the limits it runs without.
    public CgroupLaunch Prepare() =>
        current = cgroups?.Prepare(program, logger) ?? new CgroupLaunch(null, CgroupLimits.Plan(program.Limits, NoControllers, NoDelegation).Unapplied);

    // An adopted launch, in the cgroup its state names.
    public void Adopt(string? recorded) =>
        current = cgroups?.Adopt(program, recorded) ?? new CgroupLaunch(recorded, CgroupLimits.Plan(program.Limits, NoControllers, NoDelegation).Unapplied);

    // How the main process ended, saying OOM when the kernel's OOM killer ended it: SIGKILL, and the cgroup's
    // memory.events oom_kill grew during this launch.
    public string DescribeExit(string reason, ChildExit? exit) =>
        exit?.Signal == SignalNames.SIGKILL && current is { } launch && cgroups?.OomOf(launch) is { } oom ? $"{reason}, {oom}" : reason;

    // After the tag sweep (killed says what it did): cgroup.kill and rmdir of the launch's cgroup.
    public async Task<string> EndAsync(string killed, string? path, CancellationToken cancellationToken)
    {
        current = null;
        if (path is null || cgroups is null)
        {
            return killed;
        }

        var end = await cgroups.KillAsync(path, time, cancellationToken).ConfigureAwait(false);
        return end is null ? killed : $"{killed}; {end}";
    }

    // A launch that failed to start leaves its new cgroup empty: removed, so a stopped program leaves nothing.
    public void Abandon(string? path)
    {
        current = null;
        if (path is not null)
        {
            cgroups?.RemoveEmpty(path);
        }
    }
}
