using Watchdog.Restarter.Cgroups;

namespace Restarter.Tests.Cgroups;

public sealed class CgroupPathsTests
{
    private const string PureV2 = """
        22 28 0:21 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw
        26 22 0:23 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot
        """;

    private const string Hybrid = """
        31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs ro,size=4096k,nr_inodes=1024,mode=755
        35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
        41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
        """;

    [Fact]
    public void On_a_pure_v2_host_our_cgroup_is_below_sys_fs_cgroup()
    {
        var own = CgroupPaths.Own(PureV2, "0::/system.slice/watchdog-restarter.service\n", out _);

        Assert.Equal("/sys/fs/cgroup/system.slice/watchdog-restarter.service", own);
    }

    [Fact]
    public void On_a_hybrid_host_the_v2_entry_is_below_the_unified_mount()
    {
        var own = CgroupPaths.Own(Hybrid, "9:name=systemd:/system.slice/x.service\n4:memory:/system.slice/x.service\n0::/system.slice/x.service\n", out _);

        Assert.Equal("/sys/fs/cgroup/unified/system.slice/x.service", own);
    }

    [Fact]
    public void A_mount_of_a_subtree_is_followed_by_its_root()
    {
        var mountinfo = "41 31 0:38 /machine/c1 /sys/fs/cgroup rw,relatime - cgroup2 cgroup2 rw\n";

        Assert.Equal("/sys/fs/cgroup/svc", CgroupPaths.Own(mountinfo, "0::/machine/c1/svc\n", out _));
        Assert.Null(CgroupPaths.Own(mountinfo, "0::/elsewhere\n", out var why));
        Assert.Equal("our cgroup /elsewhere is outside the cgroup2 mount at /sys/fs/cgroup", why);
    }

    [Fact]
    public void Without_a_cgroup2_mount_or_a_v2_entry_there_is_no_cgroup_and_why()
    {
        Assert.Null(CgroupPaths.Own("35 31 0:32 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n", "0::/\n", out var noMount));
        Assert.Equal("no cgroup2 file system is mounted", noMount);
        Assert.Null(CgroupPaths.Own(PureV2, "4:memory:/x\n", out var noEntry));
        Assert.Equal("no cgroup v2 entry in /proc/self/cgroup", noEntry);
    }

    [Fact]
    public void An_escaped_mount_point_is_unescaped()
    {
        var own = CgroupPaths.Own("41 31 0:38 / /mnt/cg\\040two rw - cgroup2 cgroup2 rw\n", "0::/a\n", out _);

        Assert.Equal("/mnt/cg two/a", own);
    }
}
