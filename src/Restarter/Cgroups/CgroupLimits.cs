using System.Globalization;
using Watchdog.Common.Config;

namespace Watchdog.Restarter.Cgroups;

// The tree limits of a program as cgroup v2 interface file writes, and the limits that cannot be applied, each with
// why (ProgramState.UnappliedLimits, shown by `watchdog status`).
//
// memory: memory.max, plus memory.swap.max = 0 and memory.oom.group = 1. The limit is on what the tree may hold, so
// it is not allowed to spill into swap (as Kubernetes limits, unlike systemd's MemoryMax= alone): past it the kernel
// OOM-kills, at once, instead of the program slowing down for minutes. oom.group makes that kill take the whole tree
// together, so the main process dies of it, the restarter sees SIGKILL and relaunches (an OOM of one helper process
// otherwise leaves a half program running). tasks: pids.max. cpu: cpu.max "quota period", period 100 ms as systemd's
// CPUQuota= (100% is one core's time per period).
internal static class CgroupLimits
{
    public const string Memory = "memory";
    public const string Pids = "pids";
    public const string Cpu = "cpu";
    public const int CpuPeriodMicroseconds = 100_000;

    public static readonly IReadOnlyList<string> Controllers = [Memory, Pids, Cpu];

    // controllers: those enabled for the program's cgroup; why: null with delegation, or why there is none.
    public static (IReadOnlyList<CgroupWrite> Writes, IReadOnlyList<string> Unapplied) Plan(ResourceLimits limits, IReadOnlySet<string> controllers, string? why)
    {
        var writes = new List<CgroupWrite>();
        var unapplied = new List<string>();
        void Add(string controller, string limit, params CgroupWrite[] files)
        {
            if (why is not null)
            {
                unapplied.Add($"{limit} ({why})");
            }
            else if (!controllers.Contains(controller))
            {
                unapplied.Add($"{limit} (no {controller} controller in the delegated cgroup)");
            }
            else
            {
                writes.AddRange(files);
            }
        }

        if (limits.MemoryBytes is { } memory)
        {
            var limit = $"memory {Bytes(memory)}";
            Add(Memory, limit, new CgroupWrite(limit, "memory.max", Max(memory)), new CgroupWrite(limit, "memory.swap.max", "0", Optional: true), new CgroupWrite(limit, "memory.oom.group", "1"));
        }

        if (limits.Tasks is { } tasks)
        {
            var limit = $"tasks {(tasks == ulong.MaxValue ? "unlimited" : tasks.ToString(CultureInfo.InvariantCulture))}";
            Add(Pids, limit, new CgroupWrite(limit, "pids.max", Max(tasks)));
        }

        if (limits.CpuPercent is { } cpu)
        {
            var limit = cpu == uint.MaxValue ? "cpu unlimited" : string.Create(CultureInfo.InvariantCulture, $"cpu {cpu}%");
            var quota = cpu == uint.MaxValue ? "max" : ((ulong)cpu * (CpuPeriodMicroseconds / 100)).ToString(CultureInfo.InvariantCulture);
            Add(Cpu, limit, new CgroupWrite(limit, "cpu.max", string.Create(CultureInfo.InvariantCulture, $"{quota} {CpuPeriodMicroseconds}")));
        }

        return (writes, unapplied);
    }

    // "1 GiB", "64 MiB", "1536 KiB", "100 bytes": the largest binary unit that divides the value.
    public static string Bytes(ulong bytes)
    {
        if (bytes == ulong.MaxValue)
        {
            return "unlimited";
        }

        string[] units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
        var unit = 0;
        while (unit < units.Length - 1 && bytes >= 1024 && bytes % 1024 == 0)
        {
            bytes /= 1024;
            unit++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{bytes} {units[unit]}");
    }

    private static string Max(ulong value) => value == ulong.MaxValue ? "max" : value.ToString(CultureInfo.InvariantCulture);
}
