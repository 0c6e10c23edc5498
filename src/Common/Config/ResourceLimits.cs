namespace Watchdog.Common.Config;

// A program's `limits:`. Nofile, Nproc and Core are rlimits (soft = hard), applied in the child before exec on
// every host. MemoryBytes, Tasks and CpuPercent are limits of the tree: applied in the program's cgroup where the
// restarter owns a delegated cgroup v2 subtree, otherwise reported as not applied. null: not limited by the
// config (the restarter's own limit is inherited). Unlimited is ulong.MaxValue (RLIM_INFINITY, "max" in a cgroup).
// CpuPercent: 100 is one core (systemd's CPUQuota=).
internal sealed record ResourceLimits(ulong? Nofile, ulong? Nproc, ulong? Core, ulong? MemoryBytes, ulong? Tasks, uint? CpuPercent)
{
    public static readonly ResourceLimits None = new(null, null, null, null, null, null);

    public bool HasTreeLimits => MemoryBytes is not null || Tasks is not null || CpuPercent is not null;
}
