using System.Globalization;
using Watchdog.Common.Interop;

namespace Watchdog.Restarter.Cgroups;

// The last step of a tree kill, after the tag sweep: cgroup.kill (Linux ≥ 5.14) SIGKILLs every process of the
// cgroup at once, whatever its environment says, then the cgroup is removed once cgroup.events says it is no longer
// populated (the kernel updates it when the last process has exited). The wait is bounded and asynchronous: a
// process in uninterruptible sleep leaves the cgroup in place, and the history says so.
internal sealed partial class ProgramCgroups
{
    private static readonly TimeSpan EmptyLimit = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan EmptyPoll = TimeSpan.FromMilliseconds(10);

    // What the kill did, for the history line; null when path is not a program cgroup of this subtree (nothing done).
    public async Task<string?> KillAsync(string path, TimeProvider time, CancellationToken cancellationToken)
    {
        var name = System.IO.Path.GetFileName(path);
        if (!IsProgramCgroup(path, name))
        {
            return null;
        }

        var opened = own.OpenChild(name, out var cgroup);
        if (opened == FileResult.NotFound)
        {
            return "cgroup already removed";
        }

        if (opened != FileResult.Ok)
        {
            return $"cgroup not opened: {FileResultText.Describe(opened)}";
        }

        string left;
        using (cgroup)
        {
            var count = Count(cgroup);
            var killed = cgroup.Write("cgroup.kill", "1");
            if (killed != FileResult.Ok)
            {
                return $"cgroup.kill failed: {FileResultText.Describe(killed)}";
            }

            var start = time.GetTimestamp();
            while (cgroup.ReadKey("cgroup.events", "populated") is not 0UL)
            {
                if (time.GetElapsedTime(start) > EmptyLimit)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"cgroup.kill: {Processes(count)} left, still populated after {EmptyLimit.TotalSeconds:0}s; cgroup kept");
                }

                await Task.Delay(EmptyPoll, time, cancellationToken).ConfigureAwait(false);
            }

            left = count == 0 ? "cgroup.kill: nothing left" : $"cgroup.kill: {Processes(count)} left, gone";
        }

        var removed = own.RemoveChild(name);
        return removed == FileResult.Ok ? $"{left}; cgroup removed" : $"{left}; cgroup not removed: {FileResultText.Describe(removed)}";
    }

    // rmdir of a program cgroup of this subtree; the kernel refuses it while it holds a process.
    public void RemoveEmpty(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        if (IsProgramCgroup(path, name))
        {
            _ = own.RemoveChild(name);
        }
    }

    // "OOM: memory.max 64 MiB reached" when the kernel's OOM killer acted in this launch's cgroup, else null.
    public string? OomOf(CgroupLaunch launch)
    {
        if (!delegated || launch.Path is null || launch.MemoryMax is not { } max)
        {
            return null;
        }

        var opened = own.OpenChild(System.IO.Path.GetFileName(launch.Path), out var cgroup);
        if (opened != FileResult.Ok)
        {
            return null;
        }

        using (cgroup)
        {
            return cgroup.ReadKey("memory.events", "oom_kill") is { } kills && kills > launch.OomKillsBefore
                ? $"OOM: memory.max {CgroupLimits.Bytes(max)} reached"
                : null;
        }
    }

    // Only a direct child named program.* of our own subtree: a state file never makes the restarter kill or remove
    // any other cgroup.
    private bool IsProgramCgroup(string path, string name) =>
        delegated && name.StartsWith(Prefix, StringComparison.Ordinal) && name.Length > Prefix.Length && path == System.IO.Path.Combine(own.Path, name);

    private static int Count(CgroupDirectory cgroup) =>
        cgroup.Read("cgroup.procs", out var text) == FileResult.Ok ? text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length : 0;

    private static string Processes(int count) => count == 1 ? "1 process" : string.Create(CultureInfo.InvariantCulture, $"{count} processes");
}
