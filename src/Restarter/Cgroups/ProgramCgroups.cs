using Microsoft.Extensions.Logging;
using Watchdog.Common.Config;
using Watchdog.Common.Interop;

namespace Watchdog.Restarter.Cgroups;

// The programs' cgroups below the delegated subtree (CgroupDelegation), or the reason there are none. Each program
// gets <own>/program.<name>: the kernel creates interface files named "cgroup.*" and "<controller>.*" in every
// cgroup, and refuses a child whose name is taken by one (EEXIST), so a child must never be named like one; no
// controller is called "program", so no program name can clash, and no program can be named "supervisor".
internal sealed partial class ProgramCgroups : IDisposable
{
    public const string Prefix = "program.";

    private readonly CgroupDirectory own;
    private readonly bool delegated;

    private ProgramCgroups(CgroupDirectory own, bool delegated, IReadOnlySet<string> controllers, IReadOnlyList<string> refused, string? why)
    {
        this.own = own;
        this.delegated = delegated;
        Controllers = controllers;
        Refused = refused;
        Why = why;
    }

    // Why there is no delegated subtree; null when there is one.
    public string? Why { get; }

    // The controllers enabled for the programs' cgroups.
    public IReadOnlySet<string> Controllers { get; }

    // The controllers the kernel refused to enable, each with why.
    public IReadOnlyList<string> Refused { get; }

    public string? Directory => delegated ? own.Path : null;

    public static ProgramCgroups Without(string why) => new(default, false, new HashSet<string>(), [], why);

    public static ProgramCgroups With(CgroupDirectory own, IReadOnlySet<string> controllers, IReadOnlyList<string> refused) =>
        new(own, true, controllers, refused, null);

    // The one line the restarter logs at start.
    public void LogSummary(ILogger logger)
    {
        if (!delegated)
        {
            logger.LogInformation("No delegated cgroup v2 subtree ({Why}): tree limits memory/tasks/cpu are not applied; add Delegate=yes to the restarter's unit", Why);
            return;
        }

        var controllers = Controllers.Count == 0 ? "none" : string.Join(' ', CgroupLimits.Controllers.Where(Controllers.Contains));
        logger.LogInformation("Delegated cgroup v2 subtree {Directory}: the restarter runs in supervisor/, each program in program.<name>/; controllers for their limits: {Controllers}", own.Path, controllers);
        if (Refused.Count > 0)
        {
            logger.LogWarning("The kernel refused to enable controllers in {Directory}: {Refused}; the limits they apply are not applied", own.Path, string.Join("; ", Refused));
        }
    }

    // The cgroup directory program's launches run in, whether or not it exists.
    public string? PathOf(string programName) => delegated ? System.IO.Path.Combine(own.Path, Prefix + programName) : null;

    // Before a launch: the program's cgroup created (or reused: leftovers of an earlier launch in it are killed) and
    // its limits written. A cgroup that cannot be made is no reason not to launch: the launch then stays in the
    // restarter's cgroup and its limits are reported as not applied.
    public CgroupLaunch Prepare(ProgramOptions program, ILogger logger)
    {
        if (!delegated)
        {
            return new CgroupLaunch(null, CgroupLimits.Plan(program.Limits, Controllers, Why).Unapplied);
        }

        var name = Prefix + program.Name;
        var made = own.MakeChild(name);
        if (made is not (FileResult.Ok or FileResult.Exists))
        {
            return new CgroupLaunch(null, CgroupLimits.Plan(program.Limits, Controllers, $"cannot create the cgroup {name}: {FileResultText.Describe(made)}").Unapplied);
        }

        if (made == FileResult.Exists && Populated(name) == true)
        {
            logger.LogWarning("{Program}: its cgroup {Cgroup} still holds processes of an earlier launch; killing them (cgroup.kill)", program.Name, PathOf(program.Name));
            WriteChild(name, "cgroup.kill", "1");
        }

        return Apply(program, name);
    }

    // An adopted launch: its limits written again (after a restart of the restarter the controllers may have been
    // switched off and on, which resets them). recorded: the cgroup the state names.
    public CgroupLaunch Adopt(ProgramOptions program, string? recorded)
    {
        if (!delegated || recorded is null || recorded != PathOf(program.Name))
        {
            return new CgroupLaunch(recorded, CgroupLimits.Plan(program.Limits, Controllers, Why ?? "launched outside the delegated subtree").Unapplied);
        }

        return Apply(program, Prefix + program.Name);
    }

    public void Dispose() => own.Dispose();

    private CgroupLaunch Apply(ProgramOptions program, string name)
    {
        var opened = own.OpenChild(name, out var cgroup);
        if (opened != FileResult.Ok)
        {
            return new CgroupLaunch(null, CgroupLimits.Plan(program.Limits, Controllers, $"cannot open the cgroup {name}: {FileResultText.Describe(opened)}").Unapplied);
        }

        using (cgroup)
        {
            var (writes, unapplied) = CgroupLimits.Plan(program.Limits, Controllers, null);
            var failed = new List<string>(unapplied);
            foreach (var write in writes)
            {
                if (write.Optional && !cgroup.Has(write.File))
                {
                    continue;
                }

                var result = cgroup.Write(write.File, write.Value);
                if (result != FileResult.Ok && !failed.Any(f => f.StartsWith(write.Limit + " ", StringComparison.Ordinal)))
                {
                    failed.Add($"{write.Limit} (writing {write.File} failed: {FileResultText.Describe(result)})");
                }
            }

            var memory = writes.Any(w => w.File == "memory.max") && !failed.Any(f => f.StartsWith(CgroupLimits.Memory + " ", StringComparison.Ordinal)) ? program.Limits.MemoryBytes : null;
            return new CgroupLaunch(cgroup.Path, failed, cgroup.ReadKey("memory.events", "oom_kill") ?? 0, memory);
        }
    }

    private bool? Populated(string name)
    {
        if (own.OpenChild(name, out var cgroup) != FileResult.Ok)
        {
            return null;
        }

        using (cgroup)
        {
            return cgroup.ReadKey("cgroup.events", "populated") is { } populated ? populated != 0 : null;
        }
    }

    private FileResult WriteChild(string name, string file, string value)
    {
        var opened = own.OpenChild(name, out var cgroup);
        if (opened != FileResult.Ok)
        {
            return opened;
        }

        using (cgroup)
        {
            return cgroup.Write(file, value);
        }
    }
}
