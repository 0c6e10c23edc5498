using System.Globalization;
using Watchdog.Common.Interop;

namespace Watchdog.Restarter.Cgroups;

// Taking a delegated cgroup v2 subtree at start, never assuming one: our own cgroup must carry systemd's delegation
// mark (Delegate=yes sets the user.delegate and trusted.delegate xattrs to "1", systemd ≥ 251; trusted.* reads as
// absent without CAP_SYS_ADMIN, which the shipped unit drops, so user.delegate is what it sees) and be writable. Then
// the restarter moves itself into the leaf <own>/supervisor (cgroup v2 lets a cgroup that enables controllers for
// its children hold no process itself) and enables in <own>/cgroup.subtree_control whichever of memory, pids and cpu
// <own>/cgroup.controllers offers. Each program's cgroup is a child <own>/program.<name> (ProgramCgroups).
internal static class CgroupDelegation
{
    public const string SupervisorLeaf = "supervisor";
    private static readonly string[] Marks = ["user.delegate", "trusted.delegate"];

    // Our own cgroup, from the kernel's files, taken when it is delegated.
    public static ProgramCgroups Detect()
    {
        string mountinfo, cgroup;
        try
        {
            mountinfo = File.ReadAllText("/proc/self/mountinfo");
            cgroup = File.ReadAllText("/proc/self/cgroup");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ProgramCgroups.Without($"cannot read /proc/self: {e.Message}");
        }

        var directory = CgroupPaths.Own(mountinfo, cgroup, out var why);
        return directory is null ? ProgramCgroups.Without(why) : Take(directory, Environment.ProcessId);
    }

    // The delegated subtree at directory, prepared; or ProgramCgroups.Without(why). The restarter holds an flock on
    // the directory for its life: two restarters (two roots) in one delegated cgroup would name their programs'
    // cgroups alike and kill each other's programs, so the second one runs without cgroups.
    public static ProgramCgroups Take(string directory, int selfPid)
    {
        var opened = CgroupDirectory.Open(directory, out var own);
        if (opened != FileResult.Ok)
        {
            return ProgramCgroups.Without($"cannot open our cgroup {directory}: {FileResultText.Describe(opened)}");
        }

        var keep = false;
        try
        {
            if (!IsMarked(own))
            {
                return ProgramCgroups.Without($"our cgroup {directory} carries no delegation mark (user.delegate)");
            }

            var locked = own.Lock(out var error);
            if (locked != LockOutcome.Acquired)
            {
                return ProgramCgroups.Without(locked == LockOutcome.Held
                    ? $"another restarter already uses the delegated cgroup {directory}"
                    : $"cannot lock our cgroup {directory}: {FileResultText.Describe(error)}");
            }

            var made = own.MakeChild(SupervisorLeaf);
            if (made is not (FileResult.Ok or FileResult.Exists))
            {
                return ProgramCgroups.Without($"cannot create {directory}/{SupervisorLeaf}: {FileResultText.Describe(made)}");
            }

            var moved = Join(own, SupervisorLeaf, selfPid);
            if (moved != FileResult.Ok)
            {
                return ProgramCgroups.Without($"cannot move the restarter into {directory}/{SupervisorLeaf}: {FileResultText.Describe(moved)}");
            }

            var enabled = EnableControllers(own, out var refused);
            keep = true;
            return ProgramCgroups.With(own, enabled, refused);
        }
        finally
        {
            if (!keep)
            {
                own.Dispose();
            }
        }
    }

    public static bool IsMarked(CgroupDirectory directory)
    {
        Span<byte> value = stackalloc byte[16];
        foreach (var mark in Marks)
        {
            if (directory.ReadXattr(mark, value, out var length) == FileResult.Ok && value[..length].SequenceEqual("1"u8))
            {
                return true;
            }
        }

        return false;
    }

    public static FileResult Join(CgroupDirectory parent, string child, int pid)
    {
        var opened = parent.OpenChild(child, out var leaf);
        if (opened != FileResult.Ok)
        {
            return opened;
        }

        using (leaf)
        {
            return leaf.Write("cgroup.procs", pid.ToString(CultureInfo.InvariantCulture));
        }
    }

    // One write per controller, so one the kernel refuses does not keep the others off (a write to
    // cgroup.subtree_control either enables the controller or fails). refused: the wanted ones the kernel did not
    // enable, with why.
    private static HashSet<string> EnableControllers(CgroupDirectory own, out IReadOnlyList<string> refused)
    {
        var enabled = new HashSet<string>(StringComparer.Ordinal);
        var failures = new List<string>();
        var offered = Words(own, "cgroup.controllers");
        foreach (var controller in CgroupLimits.Controllers.Where(offered.Contains))
        {
            var result = own.Write("cgroup.subtree_control", "+" + controller);
            if (result == FileResult.Ok)
            {
                enabled.Add(controller);
            }
            else
            {
                failures.Add($"{controller}: {FileResultText.Describe(result)}");
            }
        }

        refused = failures;
        return enabled;
    }

    public static HashSet<string> Words(CgroupDirectory directory, string file) =>
        directory.Read(file, out var text) == FileResult.Ok
            ? [.. text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries)]
            : [];
}
