using System.CommandLine;
using Watchdog.Common;
using Watchdog.Common.Hosting;
using Watchdog.Common.Interop;

namespace Watchdog.Restarter.Cgroups;

// `restarter release-cgroup`, the shipped unit's ExecStopPost=. While the restarter runs, its delegated cgroup
// enables memory/pids/cpu for the programs' cgroups, and cgroup v2 then refuses any process in the cgroup itself
// (EBUSY). systemd starts ExecStart= in exactly that cgroup, so after a crash of the restarter (KillMode=process: the
// programs keep running in their cgroups) the next restarter could never be started there. systemd runs
// ExecStopPost= in the ".control" child of a delegated cgroup, after the main process is gone: this switches the
// controllers off again, so the next start succeeds; it enables them again and rewrites each adopted program's
// limits. Exit 0 whatever happened (one line says what): a failure here must not stop the restart.
internal static class ReleaseCgroupCommand
{
    private static readonly string[] OwnLeaves = [".control", CgroupDelegation.SupervisorLeaf];

    public static Command Create()
    {
        var command = new Command("release-cgroup", "After the restarter exited (systemd ExecStopPost=): switch off the controllers of its delegated cgroup, so the next restarter can start in it");
        command.SetAction(parse => Run(parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(TextWriter output)
    {
        string? own;
        string why;
        try
        {
            own = CgroupPaths.Own(File.ReadAllText("/proc/self/mountinfo"), File.ReadAllText("/proc/self/cgroup"), out why);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            (own, why) = (null, e.Message);
        }

        // Run by systemd (INVOCATION_ID is set for every process of a unit) the line goes to the unit's log: with a
        // journald priority, like every line of the daemons.
        var priority = Logging.JournalIsReader || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("INVOCATION_ID")) ? "<6>" : "";
        output.WriteLine(priority + (own is null ? $"release-cgroup: nothing to do ({why})" : Release(own)));
        return ExitCodes.Ok;
    }

    // directory: the caller's own cgroup; the delegated one is its parent when it is .control or supervisor.
    public static string Release(string directory)
    {
        var target = OwnLeaves.Contains(Path.GetFileName(directory)) ? Path.GetDirectoryName(directory)! : directory;
        var opened = CgroupDirectory.Open(target, out var cgroup);
        if (opened != FileResult.Ok)
        {
            return $"release-cgroup: cannot open {target}: {FileResultText.Describe(opened)}";
        }

        using (cgroup)
        {
            if (!CgroupDelegation.IsMarked(cgroup))
            {
                return $"release-cgroup: {target} is not delegated; nothing to do";
            }

            var enabled = CgroupDelegation.Words(cgroup, "cgroup.subtree_control");
            var released = new List<string>();
            foreach (var controller in CgroupLimits.Controllers.Where(enabled.Contains))
            {
                var result = cgroup.Write("cgroup.subtree_control", "-" + controller);
                released.Add(result == FileResult.Ok ? controller : $"{controller} (not released: {FileResultText.Describe(result)})");
            }

            return released.Count == 0 ? $"release-cgroup: no controllers enabled in {target}" : $"release-cgroup: switched off {string.Join(", ", released)} in {target}";
        }
    }
}
