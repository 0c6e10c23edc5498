using Restarter.Tests.Support;

namespace Restarter.Tests.Integration;

// Issue 14 §1: two restarters on two roots with the default tag variable. Each signals only processes whose tag
// carries its own root's instance id, so neither touches the other's programs: not at start-up (the orphan
// sweep), not when a program crashes or the restarter itself crashes and comes back, not on an orderly stop.
[Collection("restarter")]
public sealed class TwoRootsTests
{
    private const string Forever = "setsid -f sleep 1001; exec sleep 1000";

    [Fact]
    public async Task Two_restarters_on_two_roots_with_the_default_tag_variable_never_touch_each_others_programs()
    {
        using var a = new RestarterRig(defaultTagVariable: true);
        using var b = new RestarterRig(defaultTagVariable: true);
        a.Configure(RestarterRig.Program("api", Forever));
        b.Configure(RestarterRig.Program("api", Forever));
        a.Start();
        var a1 = await a.RunningAsync("api");
        await Poll.UntilAsync(() => a.Tagged().Count == 2, "A's program and its setsid'ed child");
        var aTree = a.Tagged();

        b.Start();
        var b1 = await b.RunningAsync("api");
        Assert.NotEqual(a.Instance, b.Instance);
        Assert.StartsWith(a.Instance + ".", a1.Tag, StringComparison.Ordinal);
        Assert.StartsWith(b.Instance + ".", b1.Tag, StringComparison.Ordinal);

        // B's crash and its relaunch, then B itself crashing and coming back (its start-up sweep runs again).
        Signals.Send(b1.Pid, Signals.SIGKILL);
        var b2 = await b.RunningAsync("api", notTag: b1.Tag);
        b.Crash();
        b.Start();
        await b.UntilAsync(() => b.Output.Contains("Adopted api", StringComparison.Ordinal), () => "B adopted its program");
        a.Crash();
        a.Start();
        await a.UntilAsync(() => a.Output.Contains("Adopted api", StringComparison.Ordinal), () => "A adopted its program");
        Assert.All(aTree, p => Assert.True(Signals.IsAlive(p.Pid), $"A's pid {p.Pid} did not survive B's and A's start-up"));

        // A's crash: only A's tree is killed and relaunched.
        Signals.Send(a1.Pid, Signals.SIGKILL);
        var a2 = await a.RunningAsync("api", notTag: a1.Tag);
        Assert.All(aTree, p => Assert.False(Signals.IsAlive(p.Pid), $"A's old pid {p.Pid} survived A's restart"));
        Assert.Equal(b2.Pid, b.State("api")!.Pid);
        Assert.True(Signals.IsAlive(b2.Pid));

        // An orderly stop of B, which waits for its start-up sweeps, kills B's tree only.
        Assert.Equal(0, await b.StopAsync());
        Assert.Empty(b.Tagged());
        Assert.Equal((a2.Pid, a2.Tag), (a.State("api")!.Pid, a.State("api")!.Tag));
        await Poll.UntilAsync(() => a.Tagged().Count == 2, "A's new tree whole");
        Assert.All(a.Tagged(), p => Assert.True(Signals.IsAlive(p.Pid)));
        Assert.DoesNotContain("Killing processes with tag", a.Output + b.Output, StringComparison.Ordinal);
        Assert.Single(a.History());
        Assert.Single(b.History());

        Assert.Equal(0, await a.StopAsync());
        Assert.Empty(a.Tagged());
    }
}
