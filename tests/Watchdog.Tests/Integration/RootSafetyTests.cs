namespace Watchdog.Tests.Integration;

// What the real watchdog daemon does with what it finds under its root at start and in its scan: temps a killed
// writer left, and a protocol directory replaced by a symlink. Every process started here is killed in Dispose.
public sealed class RootSafetyTests : IDisposable
{
    private readonly DaemonRoot root = new();

    [Fact]
    public async Task Start_removes_the_temps_a_killed_watchdog_left_and_keeps_a_live_writers_and_another_kinds()
    {
        var dead = SpecialFiles.DeadPid();
        root.Layout.EnsureCreated();
        var stale = Path.Combine(root.Layout.Problems, $".api.watchdog.{dead}.0a1b.tmp");
        var live = Path.Combine(root.Layout.Problems, $".api.watchdog.{Environment.ProcessId}.0a1b.tmp");
        var restarters = Path.Combine(root.Layout.State, $".api.json.restarter.{dead}.0a1b.tmp");
        foreach (var file in (string[])[stale, live, restarters])
        {
            File.WriteAllText(file, "half a write");
        }

        var watchdog = root.Start("watchdog: { max_interval: 200ms }");

        await Poll.UntilAsync(() => watchdog.Output.Contains("Removed 1 temp files a killed watchdog left in", StringComparison.Ordinal), "the watchdog to say it removed the dead writer's temp");
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(restarters));
    }

    [Fact]
    public async Task Hearts_directory_replaced_by_a_symlink_is_never_judged_and_is_named()
    {
        var outside = root.Temp.Combine("outside");
        Directory.CreateDirectory(outside);
        var silent = Path.Combine(outside, "api");
        File.WriteAllText(silent, "1");
        File.SetLastWriteTimeUtc(silent, DateTime.UtcNow.AddHours(-1));
        root.Layout.EnsureCreated();
        Directory.Delete(root.Layout.Hearts);
        File.CreateSymbolicLink(root.Layout.Hearts, outside);

        var watchdog = root.Start("watchdog: { max_interval: 200ms }");

        await Poll.UntilAsync(() => watchdog.Output.Contains("it is a symlink, never followed", StringComparison.Ordinal), "the watchdog to name the symlinked hearts/");
        Assert.False(File.Exists(root.Layout.Problem("api")));
        Assert.False(watchdog.HasExited);
    }

    public void Dispose() => root.Dispose();
}
