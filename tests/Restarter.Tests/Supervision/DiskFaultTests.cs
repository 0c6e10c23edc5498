using Microsoft.Extensions.Logging;
using Restarter.Tests.Support;
using Watchdog.Common.State;

namespace Restarter.Tests.Supervision;

// Issue 14 §8: the root on a small tmpfs that fills up or turns read-only in the middle of a transition.
public sealed class DiskFaultTests
{
    [Theory]
    [InlineData("full")]
    [InlineData("read-only")]
    public async Task A_stop_the_disk_refused_lands_once_the_disk_is_back_with_one_error_line_and_one_history_entry(string fault)
    {
        using var tmpfs = new TmpfsRoot();
        using var rig = new SupervisionRig(tmpfs.Path, [], SupervisionRig.Program("p4"));
        var supervisor = rig.NewSupervisor();
        supervisor.Start();
        await rig.SettleAsync(supervisor);
        var running = rig.State("p4");
        rig.Problem("p4", "heart 'p4' silent for 31.0s (timeout 30s)");
        File.WriteAllText(rig.Layout.DownFile("p4"), "");
        Break(tmpfs, fault);

        for (var pass = 0; pass < 3; pass++)
        {
            var retryAt = await supervisor.Programs[0].StepAsync(CancellationToken.None);
            Assert.NotNull(retryAt);
        }

        Assert.Equal((ProgramPhase.Running, running.Tag, running.Pid), (rig.State("p4").Phase, rig.State("p4").Tag, rig.State("p4").Pid));
        Assert.Equal(ProgramPhase.Running, supervisor.Programs[0].State.Phase);
        Assert.True(File.Exists(rig.Layout.Heart("p4")));
        Assert.Equal(["p4"], rig.OpenProblems());
        Repair(tmpfs, fault);
        await rig.SettleAsync(supervisor);

        var stopped = rig.State("p4");
        Assert.Equal((ProgramPhase.Stopped, (string?)null, 0), (stopped.Phase, stopped.Tag, stopped.Pid));
        Assert.Equal(ProgramPhase.Stopped, supervisor.Programs[0].State.Phase);
        Assert.False(File.Exists(rig.Layout.Heart("p4")));
        Assert.Empty(rig.OpenProblems());
        Assert.Contains("stopped: down/p4 exists", Assert.Single(rig.History()), StringComparison.Ordinal);
        Assert.Single(rig.Logs.Events, e => e.Level >= LogLevel.Error);
        Assert.All(rig.Logs.Events, e => Assert.Null(e.Exception));
        Assert.Contains(rig.Logs.Events, e => e.Message.Contains("the disk takes changes again", StringComparison.Ordinal));

        await rig.SettleAsync(supervisor);
        Assert.Single(rig.History());
    }

    [Fact]
    public async Task A_crash_whose_relaunch_the_full_disk_refused_is_relaunched_once_the_disk_is_back()
    {
        using var tmpfs = new TmpfsRoot();
        using var rig = new SupervisionRig(tmpfs.Path, [], SupervisionRig.Program("p4"));
        var supervisor = rig.NewSupervisor();
        supervisor.Start();
        await rig.SettleAsync(supervisor);
        var first = rig.State("p4");
        tmpfs.Fill();

        rig.Host.Crash(first.Pid, 1);
        await rig.SettleAsync(supervisor);
        await supervisor.Programs[0].StepAsync(CancellationToken.None);
        Assert.Single(rig.Host.Launches);
        tmpfs.Free();
        await rig.SettleAsync(supervisor);

        var second = rig.State("p4");
        Assert.Equal(2, rig.Host.Launches.Count);
        Assert.Equal(ProgramPhase.Running, second.Phase);
        Assert.NotEqual(first.Tag, second.Tag);
        Assert.Contains("restarter: exited with code 1", Assert.Single(rig.History()), StringComparison.Ordinal);
        Assert.Empty(rig.OpenProblems());
    }

    private static void Break(TmpfsRoot tmpfs, string fault)
    {
        if (fault == "full")
        {
            tmpfs.Fill();
        }
        else
        {
            tmpfs.ReadOnly(true);
        }
    }

    private static void Repair(TmpfsRoot tmpfs, string fault)
    {
        if (fault == "full")
        {
            tmpfs.Free();
        }
        else
        {
            tmpfs.ReadOnly(false);
        }
    }
}
