namespace Watchdog.Restarter.Cgroups;

// One interface file of a program's cgroup and the value written to it. Optional: a file the kernel may not offer
// (memory.swap.max without swap accounting) is skipped when missing instead of counting as a failure.
internal sealed record CgroupWrite(string Limit, string File, string Value, bool Optional = false);
