using Microsoft.Extensions.Logging.Abstractions;
using Watchdog.Common.Config;
using Restarter.Tests.Support;
using Watchdog.Restarter.Cgroups;

namespace Restarter.Tests.Cgroups;

public sealed class ProgramCgroupsTests
{
    private static readonly ResourceLimits Limits = new(null, null, null, 64UL * 1024 * 1024, 32, 50);

    [Fact]
    public void A_launch_gets_its_own_cgroup_with_the_limits_whose_controller_is_enabled()
    {
        using var fs = new FakeCgroupFs(delegated: true);
        fs.Child("program.api");
        using var cgroups = CgroupDelegation.Take(fs.Own, 4242);

        var launch = cgroups.Prepare(Program("api", Limits), NullLogger.Instance);

        Assert.Equal(Path.Combine(fs.Own, "program.api"), launch.Path);
        Assert.Empty(launch.Unapplied);
        Assert.Equal("67108864", fs.Read("program.api", "memory.max"));
        Assert.Equal("0", fs.Read("program.api", "memory.swap.max"));
        Assert.Equal("1", fs.Read("program.api", "memory.oom.group"));
        Assert.Equal("32", fs.Read("program.api", "pids.max"));
        Assert.Equal("50000 100000", fs.Read("program.api", "cpu.max"));
    }

    [Fact]
    public void Limits_whose_controller_is_not_offered_are_recorded_as_not_applied()
    {
        using var fs = new FakeCgroupFs(delegated: true, controllers: "pids hugetlb");
        fs.Child("program.api");
        using var cgroups = CgroupDelegation.Take(fs.Own, 4242);

        var launch = cgroups.Prepare(Program("api", Limits), NullLogger.Instance);

        Assert.Equal(Path.Combine(fs.Own, "program.api"), launch.Path);
        Assert.Equal(["memory 64 MiB (no memory controller in the delegated cgroup)", "cpu 50% (no cpu controller in the delegated cgroup)"], launch.Unapplied);
        Assert.Equal("32", fs.Read("program.api", "pids.max"));
        Assert.Equal("", fs.Read("program.api", "memory.max"));
    }

    [Fact]
    public void Without_delegation_a_launch_stays_in_the_restarters_cgroup_and_every_tree_limit_says_why()
    {
        using var cgroups = ProgramCgroups.Without("our cgroup /x carries no delegation mark (user.delegate)");

        var launch = cgroups.Prepare(Program("api", new ResourceLimits(4096, null, null, 1UL << 30, ulong.MaxValue, null)), NullLogger.Instance);

        Assert.Null(launch.Path);
        Assert.Equal(["memory 1 GiB (our cgroup /x carries no delegation mark (user.delegate))", "tasks unlimited (our cgroup /x carries no delegation mark (user.delegate))"], launch.Unapplied);
        Assert.Null(cgroups.PathOf("api"));
    }

    [Fact]
    public void A_program_without_tree_limits_still_gets_its_cgroup_and_nothing_unapplied()
    {
        using var fs = new FakeCgroupFs(delegated: true);
        using var cgroups = CgroupDelegation.Take(fs.Own, 4242);

        var launch = cgroups.Prepare(Program("api", ResourceLimits.None), NullLogger.Instance);

        Assert.True(Directory.Exists(Path.Combine(fs.Own, "program.api")));
        Assert.Null(launch.UnappliedOrNull);
    }

    [Fact]
    public async Task The_kill_step_writes_cgroup_kill_and_says_how_many_processes_it_found()
    {
        using var fs = new FakeCgroupFs(delegated: true);
        var cgroup = fs.Child("program.api", procs: "311\n312\n");
        using var cgroups = CgroupDelegation.Take(fs.Own, 4242);

        var said = await cgroups.KillAsync(cgroup, TimeProvider.System, CancellationToken.None);

        Assert.Equal("1", fs.Read("program.api", "cgroup.kill"));
        Assert.StartsWith("cgroup.kill: 2 processes left, gone; cgroup not removed", said, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cgroup_already_gone_and_a_kernel_without_cgroup_kill_are_said_as_such()
    {
        using var fs = new FakeCgroupFs(delegated: true);
        var old = fs.Child("program.old");
        File.Delete(Path.Combine(old, "cgroup.kill"));
        using var cgroups = CgroupDelegation.Take(fs.Own, 4242);

        Assert.Equal("cgroup already removed", await cgroups.KillAsync(Path.Combine(fs.Own, "program.gone"), TimeProvider.System, CancellationToken.None));
        Assert.Equal("cgroup.kill failed: no such file or directory", await cgroups.KillAsync(old, TimeProvider.System, CancellationToken.None));
    }

    [Theory]
    [InlineData("/sys/fs/cgroup/system.slice/sshd.service")]
    [InlineData("supervisor")]
    [InlineData("program.")]
    [InlineData("program.api/nested")]
    public async Task A_cgroup_that_is_not_a_program_cgroup_of_this_subtree_is_never_killed(string path)
    {
        using var fs = new FakeCgroupFs(delegated: true);
        fs.Child("supervisor");
        fs.Child("program.api");
        using var cgroups = CgroupDelegation.Take(fs.Own, 4242);

        var said = await cgroups.KillAsync(path.StartsWith('/') ? path : Path.Combine(fs.Own, path), TimeProvider.System, CancellationToken.None);

        Assert.Null(said);
        Assert.Equal("", fs.Read("supervisor", "cgroup.kill"));
        Assert.Equal("", fs.Read("program.api", "cgroup.kill"));
    }

    [Fact]
    public void An_oom_kill_during_the_launch_is_named_and_an_earlier_one_is_not()
    {
        using var fs = new FakeCgroupFs(delegated: true);
        fs.Child("program.api", oomKills: 2);
        using var cgroups = CgroupDelegation.Take(fs.Own, 4242);
        var launch = cgroups.Prepare(Program("api", Limits), NullLogger.Instance);

        Assert.Null(cgroups.OomOf(launch));
        fs.OomKills("program.api", 3);

        Assert.Equal("OOM: memory.max 64 MiB reached", cgroups.OomOf(launch));
    }

    [Theory]
    [InlineData(1UL << 30, "1 GiB")]
    [InlineData(1536UL * 1024, "1536 KiB")]
    [InlineData(1000UL, "1000 bytes")]
    [InlineData(ulong.MaxValue, "unlimited")]
    public void Sizes_are_said_in_the_largest_exact_binary_unit(ulong bytes, string text) =>
        Assert.Equal(text, CgroupLimits.Bytes(bytes));

    [Fact]
    public void Unlimited_tree_limits_are_written_as_max()
    {
        var (writes, _) = CgroupLimits.Plan(new ResourceLimits(null, null, null, ulong.MaxValue, ulong.MaxValue, uint.MaxValue), new HashSet<string> { "memory", "pids", "cpu" }, null);

        Assert.Contains(writes, w => w.File == "memory.max" && w.Value == "max");
        Assert.Contains(writes, w => w.File == "pids.max" && w.Value == "max");
        Assert.Contains(writes, w => w.File == "cpu.max" && w.Value == "max 100000");
    }

    internal static ProgramOptions Program(string name, ResourceLimits limits) =>
        SupervisionRig.Program(name) with { Limits = limits };
}
