using Restarter.Tests.Support;

namespace Restarter.Tests.Integration;

// What the real restarter does with what it finds under its root: temps a killed restarter left in state/, and
// history/ replaced by a symlink to a directory outside the root.
[Collection("restarter")]
public sealed class RootSafetyTests
{
    private const string Forever = "exec sleep 1000";

    [Fact]
    public async Task Temp_state_file_of_a_restarter_killed_mid_write_is_gone_after_the_next_start()
    {
        using var rig = new RestarterRig();
        rig.Configure(RestarterRig.Program("api", Forever));
        rig.Start();
        await rig.RunningAsync("api");
        rig.Crash();
        var stale = Path.Combine(rig.Layout.State, $".api.json.restarter.{SpecialFiles.DeadPid()}.5e2f.tmp");
        File.WriteAllText(stale, "{\"name\": \"api\", \"pha");

        rig.Start();

        await rig.UntilAsync(() => !File.Exists(stale), () => "the killed writer's temp state file to be removed");
        await rig.UntilAsync(() => rig.Output.Contains("Removed 1 temp files a killed restarter left in", StringComparison.Ordinal), () => "the restarter to say so");
    }

    [Fact]
    public async Task History_replaced_by_a_symlink_is_never_written_and_the_restarter_keeps_relaunching()
    {
        using var rig = new RestarterRig();
        rig.Configure(RestarterRig.Program("api", Forever));
        rig.Start();
        var first = await rig.RunningAsync("api");
        var outside = Path.Combine(rig.Scratch, "outside");
        Directory.CreateDirectory(outside);
        Directory.Delete(rig.Layout.History, recursive: true);
        File.CreateSymbolicLink(rig.Layout.History, outside);

        Assert.True(Signals.Send(first.Pid, Signals.SIGKILL));

        var relaunched = await rig.RunningAsync("api", notTag: first.Tag);
        Assert.NotEqual(first.Pid, relaunched.Pid);
        await rig.UntilAsync(() => rig.Output.Contains("it is a symbolic link", StringComparison.Ordinal), () => "the restarter to name the symlinked history/");
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
        Assert.NotNull(rig.Pid);
    }
}
