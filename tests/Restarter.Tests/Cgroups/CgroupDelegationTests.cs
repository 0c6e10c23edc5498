using Watchdog.Restarter.Cgroups;

namespace Restarter.Tests.Cgroups;

public sealed class CgroupDelegationTests
{
    [Fact]
    public void A_cgroup_without_the_delegation_mark_is_not_used()
    {
        using var fs = new FakeCgroupFs(delegated: false);

        using var cgroups = CgroupDelegation.Take(fs.Own, 4242);

        Assert.Null(cgroups.Directory);
        Assert.Equal($"our cgroup {fs.Own} carries no delegation mark (user.delegate)", cgroups.Why);
        Assert.Equal("", fs.Read("supervisor", "cgroup.procs"));
    }

    [Fact]
    public void A_marked_cgroup_gets_the_restarter_in_its_supervisor_leaf_and_the_offered_controllers_enabled()
    {
        using var fs = new FakeCgroupFs(delegated: true, controllers: "cpuset cpu io memory pids");

        using var cgroups = CgroupDelegation.Take(fs.Own, 4242);

        Assert.Null(cgroups.Why);
        Assert.Equal(fs.Own, cgroups.Directory);
        Assert.Equal("4242", fs.Read("supervisor", "cgroup.procs"));
        Assert.Equal(["cpu", "memory", "pids"], cgroups.Controllers.Order());
    }

    [Fact]
    public void A_hybrid_hosts_cgroup2_without_memory_pids_or_cpu_is_delegated_with_no_controllers()
    {
        using var fs = new FakeCgroupFs(delegated: true, controllers: "hugetlb");

        using var cgroups = CgroupDelegation.Take(fs.Own, 4242);

        Assert.Equal(fs.Own, cgroups.Directory);
        Assert.Empty(cgroups.Controllers);
        Assert.Equal("", fs.Read("cgroup.subtree_control"));
    }

    [Fact]
    public void A_second_restarter_in_the_same_delegated_cgroup_runs_without_cgroups()
    {
        using var fs = new FakeCgroupFs(delegated: true);
        using var first = CgroupDelegation.Take(fs.Own, 4242);

        using var second = CgroupDelegation.Take(fs.Own, 4343);

        Assert.Equal(fs.Own, first.Directory);
        Assert.Null(second.Directory);
        Assert.Equal($"another restarter already uses the delegated cgroup {fs.Own}", second.Why);
    }

    [Fact]
    public void A_missing_cgroup_directory_is_a_reason_not_an_error()
    {
        using var cgroups = CgroupDelegation.Take("/sys/fs/cgroup/no-such-cgroup-here", 4242);

        Assert.Null(cgroups.Directory);
        Assert.StartsWith("cannot open our cgroup /sys/fs/cgroup/no-such-cgroup-here: no such file", cgroups.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Release_switches_off_the_controllers_of_the_delegated_cgroup_above_dot_control()
    {
        using var fs = new FakeCgroupFs(delegated: true);
        File.WriteAllText(Path.Combine(fs.Own, "cgroup.subtree_control"), "memory pids\n");

        var said = ReleaseCgroupCommand.Release(Path.Combine(fs.Own, ".control"));

        Assert.Equal($"release-cgroup: switched off memory, pids in {fs.Own}", said);
    }

    [Fact]
    public void Release_leaves_a_cgroup_without_the_mark_alone()
    {
        using var fs = new FakeCgroupFs(delegated: false);
        File.WriteAllText(Path.Combine(fs.Own, "cgroup.subtree_control"), "memory pids\n");

        var said = ReleaseCgroupCommand.Release(fs.Own);

        Assert.Equal($"release-cgroup: {fs.Own} is not delegated; nothing to do", said);
        Assert.Equal("memory pids\n", fs.Read("cgroup.subtree_control"));
    }
}
