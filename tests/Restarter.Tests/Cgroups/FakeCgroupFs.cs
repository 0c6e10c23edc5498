using System.Runtime.InteropServices;

namespace Restarter.Tests.Cgroups;

// A directory tree that imitates cgroupfs for the logic above the kernel: a service cgroup with cgroup.controllers,
// the delegation mark as a real user.delegate xattr, and child cgroups with the interface files the kernel would
// create (plain files here, so a write replaces the start of the file and rmdir of a child with files fails).
internal sealed partial class FakeCgroupFs : IDisposable
{
    private readonly TempDirectory temp = new();

    public FakeCgroupFs(bool delegated, string controllers = "cpuset cpu io memory hugetlb pids")
    {
        Own = temp.Combine("watchdog-restarter.service");
        Directory.CreateDirectory(Own);
        File.WriteAllText(Path.Combine(Own, "cgroup.controllers"), controllers + "\n");
        File.WriteAllText(Path.Combine(Own, "cgroup.subtree_control"), "");
        Child("supervisor");
        if (delegated)
        {
            var value = "1"u8.ToArray();
            Assert.Equal(0, setxattr(Own, "user.delegate", value, (nuint)value.Length, 0));
        }
    }

    public string Own { get; }

    // A child cgroup with the files the kernel creates in one (those of the enabled controllers included).
    public string Child(string name, string procs = "", ulong oomKills = 0)
    {
        var path = Path.Combine(Own, name);
        Directory.CreateDirectory(path);
        foreach (var file in (string[])["cgroup.kill", "memory.max", "memory.swap.max", "memory.oom.group", "pids.max", "cpu.max"])
        {
            File.WriteAllText(Path.Combine(path, file), "");
        }

        File.WriteAllText(Path.Combine(path, "cgroup.procs"), procs);
        File.WriteAllText(Path.Combine(path, "cgroup.events"), "populated 0\nfrozen 0\n");
        OomKills(name, oomKills);
        return path;
    }

    public void OomKills(string child, ulong count) =>
        File.WriteAllText(Path.Combine(Own, child, "memory.events"), $"low 0\nhigh 0\nmax 3\noom {count}\noom_kill {count}\noom_group_kill 0\n");

    public string Read(params string[] parts) => File.ReadAllText(Path.Combine([Own, .. parts]));

    public void Dispose() => temp.Dispose();

    [LibraryImport("libc", EntryPoint = "setxattr", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int setxattr(string path, string name, byte[] value, nuint size, int flags);
}
