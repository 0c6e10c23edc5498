using Restarter.Tests.Support;
using Watchdog.Common.Config;
using Watchdog.Restarter.Cgroups;
using Watchdog.Restarter.Processes;
using Watchdog.Restarter.Supervision;

namespace Restarter.Tests.Cgroups;

// The executor's side: each launch in its program's cgroup, recorded in the state; the kill ends with cgroup.kill;
// an exit by SIGKILL with an OOM kill in the cgroup says OOM.
public sealed class CgroupSupervisionTests
{
    private static readonly ResourceLimits Limits = new(null, null, null, 64UL * 1024 * 1024, 32, 50);

    [Fact]
    public async Task A_launch_joins_its_programs_cgroup_and_the_state_records_it_and_the_limits_it_runs_without()
    {
        using var fs = new FakeCgroupFs(delegated: true, controllers: "pids");
        var cgroup = fs.Child("program.api");
        using var cgroups = CgroupDelegation.Take(fs.Own, 4242);
        using var rig = new SupervisionRig(ProgramCgroupsTests.Program("api", Limits));
        var supervisor = new Supervisor(rig.Context with { Cgroups = cgroups });

        supervisor.Start();
        await rig.SettleAsync(supervisor);

        Assert.Equal([cgroup], rig.Host.LaunchCgroups);
        var state = rig.State("api");
        Assert.Equal(cgroup, state.Cgroup);
        Assert.Equal(["memory 64 MiB (no memory controller in the delegated cgroup)", "cpu 50% (no cpu controller in the delegated cgroup)"], state.UnappliedLimits);
    }

    [Fact]
    public async Task Without_cgroups_a_launch_stays_in_the_restarters_cgroup_and_every_tree_limit_is_unapplied()
    {
        using var rig = new SupervisionRig(ProgramCgroupsTests.Program("api", Limits));
        var supervisor = rig.NewSupervisor();

        supervisor.Start();
        await rig.SettleAsync(supervisor);

        Assert.Equal([null], rig.Host.LaunchCgroups);
        var state = rig.State("api");
        Assert.Null(state.Cgroup);
        Assert.Equal(["memory 64 MiB (no delegated cgroup v2 subtree)", "tasks 32 (no delegated cgroup v2 subtree)", "cpu 50% (no delegated cgroup v2 subtree)"], state.UnappliedLimits);
    }

    [Fact]
    public async Task A_sigkill_with_an_oom_kill_in_the_cgroup_is_an_oom_in_history_and_the_kill_ends_with_cgroup_kill()
    {
        using var fs = new FakeCgroupFs(delegated: true);
        using var rig = new SupervisionRig(ProgramCgroupsTests.Program("api", Limits));

        var history = await KilledBySigkillAsync(fs, rig, oomKills: 1);

        Assert.Contains("restarter: killed by signal 9 (SIGKILL), OOM: memory.max 64 MiB reached", history, StringComparison.Ordinal);
        Assert.Contains("cgroup.kill: nothing left", history, StringComparison.Ordinal);
        Assert.Equal("1", fs.Read("program.api", "cgroup.kill"));
        Assert.Equal(2, rig.Host.Launches.Count);
    }

    [Fact]
    public async Task A_sigkill_without_an_oom_kill_is_not_called_an_oom()
    {
        using var fs = new FakeCgroupFs(delegated: true);
        using var rig = new SupervisionRig(ProgramCgroupsTests.Program("api", Limits));

        var history = await KilledBySigkillAsync(fs, rig, oomKills: 0);

        Assert.DoesNotContain("OOM", history, StringComparison.Ordinal);
    }

    // Launches api in its cgroup, lets memory.events count oomKills, ends the main process by SIGKILL; the history.
    private static async Task<string> KilledBySigkillAsync(FakeCgroupFs fs, SupervisionRig rig, ulong oomKills)
    {
        fs.Child("program.api");
        using var cgroups = CgroupDelegation.Take(fs.Own, 4242);
        var supervisor = new Supervisor(rig.Context with { Cgroups = cgroups });
        supervisor.Start();
        await rig.SettleAsync(supervisor);

        fs.OomKills("program.api", oomKills);
        rig.Context.Exits.Add(new ChildExit(rig.State("api").Pid, null, 9));
        await rig.SettleAsync(supervisor);
        return Assert.Single(rig.History());
    }
}
