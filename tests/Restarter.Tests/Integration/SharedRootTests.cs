using Restarter.Tests.Support;
using Watchdog.Common.Processes;

namespace Restarter.Tests.Integration;

// The real restarter on a root another restarter wants too, and under the signals an operator sends.
[Collection("restarter")]
public sealed class SharedRootTests
{
    private const string Forever = "exec sleep 1000";

    [Fact]
    public async Task Second_restarter_on_one_root_exits_75_naming_the_first_and_no_duplicate_follows_a_crash()
    {
        using var rig = new RestarterRig();
        rig.Configure(RestarterRig.Program("api", Forever));
        rig.Start();
        var first = await rig.RunningAsync("api");

        var (code, output) = await RunSecondAsync(rig.ConfigPath);

        Assert.Equal(75, code);
        Assert.Contains($"another restarter daemon (pid {rig.Pid}) already runs on the root {rig.Layout.Root}", output, StringComparison.Ordinal);
        Assert.True(Signals.Send(first.Pid, Signals.SIGKILL));
        var relaunched = await rig.RunningAsync("api", notTag: first.Tag);
        Assert.Equal([(relaunched.Pid, relaunched.Tag!)], rig.Tagged());
    }

    [Fact]
    public async Task Lock_of_a_sigkilled_restarter_is_free_for_the_next_one_which_adopts()
    {
        using var rig = new RestarterRig();
        rig.Configure(RestarterRig.Program("api", Forever));
        rig.Start();
        var first = await rig.RunningAsync("api");

        rig.Crash();
        rig.Start();

        await rig.UntilAsync(() => rig.Output.Split("Restarter running").Length == 3, () => "the second restarter to run");
        Assert.Equal(first.Pid, (await rig.RunningAsync("api")).Pid);
        Assert.DoesNotContain("already runs on the root", rig.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sighup_sigusr1_sigusr2_and_sigpipe_end_neither_the_restarter_nor_its_beating()
    {
        using var rig = new RestarterRig();
        rig.Configure(RestarterRig.Program("api", Forever));
        rig.Start();
        var program = await rig.RunningAsync("api");
        var heart = rig.Layout.Heart("restarter");
        await Poll.UntilAsync(() => File.Exists(heart), "the restarter's heart");
        var pid = rig.Pid!.Value;

        foreach (var signal in (int[])[SignalNames.SIGHUP, SignalNames.SIGUSR1, SignalNames.SIGUSR2, SignalNames.SIGPIPE])
        {
            Assert.True(Signals.Send(pid, signal));
        }

        await rig.UntilAsync(
            () => rig.Output.Contains("Config reloaded: 0 added, 0 removed, 1 kept", StringComparison.Ordinal)
                && rig.Output.Contains("SIGUSR2 received", StringComparison.Ordinal),
            () => "the signals to be logged");
        var before = File.GetLastWriteTimeUtc(heart);
        await Poll.UntilAsync(() => File.GetLastWriteTimeUtc(heart) > before, "the restarter's heart to be beaten again");
        Assert.Equal(pid, rig.Pid);
        Assert.Equal(program.Pid, (await rig.RunningAsync("api")).Pid);
    }

    [Fact]
    public async Task Restarter_with_standard_output_and_error_closed_keeps_beating_and_relaunching()
    {
        using var rig = new RestarterRig();
        rig.Configure(RestarterRig.Program("api", Forever));
        using var restarter = DaemonProcess.RunWithOutputClosed("restarter", rig.ConfigPath);
        var first = await rig.RunningAsync("api");
        var heart = rig.Layout.Heart("restarter");
        var before = File.GetLastWriteTimeUtc(heart);

        Assert.True(Signals.Send(first.Pid, Signals.SIGKILL));

        await rig.RunningAsync("api", notTag: first.Tag);
        await Poll.UntilAsync(() => File.GetLastWriteTimeUtc(heart) > before, "the restarter's heart to be beaten again");
        Assert.False(restarter.HasExited);
    }

    // A second `restarter run` on the same config, to its end (bounded); its exit code and output.
    private static async Task<(int Code, string Output)> RunSecondAsync(string configPath)
    {
        using var second = DaemonProcess.Run("restarter", configPath);
        var code = await second.WaitAsync(TimeSpan.FromSeconds(30));
        return (code, second.Output);
    }
}
