using Restarter.Tests.Support;
using Watchdog.Common.State;

namespace Restarter.Tests.Integration;

// After a restarter restart its programs are no longer its children: their end is seen through their pidfds.
[Collection("restarter")]
public sealed class AdoptedExitTests
{
    [Fact]
    public async Task An_adopted_program_killed_after_a_restarter_crash_is_relaunched_on_its_pidfd_and_history_says_so()
    {
        using var rig = new RestarterRig();
        rig.Configure(RestarterRig.Program("api", "exec sleep 1000"));
        rig.Start();
        var first = await rig.RunningAsync("api");

        rig.Crash();
        rig.Start();
        await rig.UntilAsync(() => rig.Output.Contains("Adopted api", StringComparison.Ordinal) && rig.Output.Contains("through its pidfd", StringComparison.Ordinal), () => "api adopted and watched through its pidfd");

        Assert.True(Signals.Send(first.Pid, Signals.SIGKILL));
        var second = await rig.RunningAsync("api", notTag: first.Tag);

        Assert.NotEqual(first.Pid, second.Pid);
        Assert.Equal(ProgramPhase.Running, second.Phase);
        await Poll.UntilAsync(
            () => rig.History().Any(h => h.Contains($"pid {first.Pid} is gone (its pidfd reported the exit)", StringComparison.Ordinal)),
            "the pidfd-seen exit in history");
        Assert.Equal([(second.Pid, second.Tag!)], rig.Tagged());
    }
}
