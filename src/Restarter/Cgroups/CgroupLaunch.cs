namespace Watchdog.Restarter.Cgroups;

// The cgroup one launch runs in. Path: its directory (null: the launch stays in the restarter's cgroup). Unapplied:
// the configured tree limits it runs without, each with why. OomKillsBefore: memory.events oom_kill when the launch
// started, so an OOM kill of this launch can be told from an earlier one; MemoryMax: the memory limit applied.
internal sealed record CgroupLaunch(string? Path, IReadOnlyList<string> Unapplied, ulong OomKillsBefore = 0, ulong? MemoryMax = null)
{
    public IReadOnlyList<string>? UnappliedOrNull => Unapplied.Count == 0 ? null : Unapplied;
}
