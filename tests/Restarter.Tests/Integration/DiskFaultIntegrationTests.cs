using Restarter.Tests.Support;
using Watchdog.Common.State;

namespace Restarter.Tests.Integration;

// Issue 14 §8 with the real restarter: down/NAME written, then the disk fills before the stop reaches it.
[Collection("restarter")]
public sealed class DiskFaultIntegrationTests
{
    [Fact]
    public async Task A_stop_that_hit_a_full_disk_lands_once_the_disk_is_freed_with_one_error_line_and_one_history_entry()
    {
        using var tmpfs = new TmpfsRoot();
        using var rig = new RestarterRig(root: tmpfs.Path);
        rig.Configure(RestarterRig.Program("p4", "exec sleep 1000"));
        rig.Start();
        var running = await rig.RunningAsync("p4");

        // Stopped, the restarter sees the problem, down/ and the full disk together when it goes on.
        Signals.Send(rig.Pid!.Value, Signals.SIGSTOP);
        rig.Problem("p4", "heart 'p4' silent for 31.0s (timeout 30s)");
        File.WriteAllText(rig.Layout.DownFile("p4"), "");
        tmpfs.Fill();
        Signals.Send(rig.Pid!.Value, Signals.SIGCONT);
        await rig.UntilAsync(() => rig.Output.Contains("cannot record a change on disk", StringComparison.Ordinal), () => "the refused write logged");
        await rig.UntilAsync(() => !Signals.IsAlive(running.Pid), () => "the tree killed");
        Assert.Equal(ProgramPhase.Running, rig.State("p4")!.Phase);

        tmpfs.Free();

        await rig.UntilAsync(
            () => rig.State("p4") is { Phase: ProgramPhase.Stopped, Pid: 0, Tag: null } && !File.Exists(rig.Layout.Heart("p4")) && !rig.IsOpen("p4"),
            () => "stopped, its heart removed, the problem solved");
        Assert.Contains("stopped: down/p4 exists", Assert.Single(rig.History()), StringComparison.Ordinal);
        Assert.Equal(1, rig.Output.Split("cannot record a change on disk").Length - 1);
        Assert.DoesNotContain("   at ", rig.Output, StringComparison.Ordinal);
        Assert.Empty(rig.Tagged());
    }
}
