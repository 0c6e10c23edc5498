using Restarter.Tests.Support;
using Watchdog.Common.State;

namespace Restarter.Tests.Integration;

// SIGHUP to the real restarter, and the same difference applied by its start after a SIGKILL (DESIGN.md §5).
[Collection("restarter")]
public sealed class ReloadIntegrationTests
{
    private const string Forever = "exec sleep 1000";

    // Ignores SIGTERM, so its kill takes the whole stop grace: a restarter killed meanwhile is killed mid-apply.
    private const string Stubborn = "trap \"\" TERM; while true; do sleep 0.2; done";

    [Fact]
    public async Task Reload_launches_an_added_program_and_the_unchanged_one_keeps_its_pid()
    {
        using var rig = new RestarterRig();
        rig.Configure(RestarterRig.Program("db", Forever));
        rig.Start();
        var db = await rig.RunningAsync("db");

        rig.Configure(RestarterRig.Program("db", Forever) + RestarterRig.Program("api", Forever));
        rig.Reload();

        var api = await rig.RunningAsync("api");
        Assert.Equal(db.Pid, rig.State("db")!.Pid);
        Assert.True(Signals.IsAlive(db.Pid));
        Assert.Equal(new[] { api.Tag!, db.Tag! }.Order(StringComparer.Ordinal), rig.Tagged().Select(t => t.Tag).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Reload_stops_a_removed_program_and_removes_its_state_and_hearts_and_history_says_removed()
    {
        using var rig = new RestarterRig();
        rig.Configure(RestarterRig.Program("db", Forever) + RestarterRig.Program("old", "sleep 1001 & " + Forever, "hearts: { old: 1h, old.b: 1h }"));
        rig.Start();
        var db = await rig.RunningAsync("db");
        var old = await rig.RunningAsync("old");
        await rig.UntilAsync(() => rig.Tagged().Count(t => t.Tag == old.Tag) == 2, () => "old's two processes");
        var statePath = new StateStore(rig.Layout).PathFor("old");

        rig.Configure(RestarterRig.Program("db", Forever));
        rig.Reload();

        await rig.UntilAsync(() => !File.Exists(statePath), () => "old's state removed");
        Assert.DoesNotContain(rig.Tagged(), t => t.Tag == old.Tag);
        Assert.False(File.Exists(rig.Layout.Heart("old")));
        Assert.False(File.Exists(rig.Layout.Heart("old.b")));
        Assert.Contains(rig.History(), h => h.Contains("restarter: removed from the config", StringComparison.Ordinal) && h.Contains("; removed from the config", StringComparison.Ordinal));
        Assert.Equal(db.Pid, rig.State("db")!.Pid);
    }

    [Fact]
    public async Task Reload_restarts_a_program_whose_command_changed_and_history_says_config_changed_command()
    {
        using var rig = new RestarterRig();
        rig.Configure(RestarterRig.Program("web", "exec sleep 1000"));
        rig.Start();
        var first = await rig.RunningAsync("web");

        rig.Configure(RestarterRig.Program("web", "exec sleep 1001"));
        rig.Reload();

        var second = await rig.RunningAsync("web", notTag: first.Tag);
        Assert.NotEqual(first.Pid, second.Pid);
        Assert.False(Signals.IsAlive(first.Pid));
        await rig.UntilAsync(
            () => rig.History().Any(h => h.Contains("restarter: config changed: command\n", StringComparison.Ordinal) && h.Contains($"launched pid {second.Pid}", StringComparison.Ordinal)),
            () => "the config change in history");
        Assert.Contains("1001", File.ReadAllText($"/proc/{second.Pid}/cmdline"), StringComparison.Ordinal);
        Assert.Empty(rig.State("web")!.Restarts);
    }

    [Fact]
    public async Task Rejected_config_keeps_every_program_running_and_is_reported_with_line_and_column_until_a_good_one()
    {
        using var rig = new RestarterRig();
        rig.Configure(RestarterRig.Program("db", Forever));
        rig.Start();
        var db = await rig.RunningAsync("db");
        var rejected = Path.Combine(rig.Layout.State, "restarter.config-rejected");

        rig.Configure(RestarterRig.Program("db", "exec sleep 1001", "bogus: 1") + RestarterRig.Program("api", Forever));
        rig.Reload();

        await rig.UntilAsync(() => File.Exists(rejected), () => "the rejected-config file");
        Assert.Matches(@"watchdog\.yaml:\d+:\d+: .*bogus", File.ReadAllText(rejected));
        await rig.UntilAsync(() => rig.Output.Contains("Config rejected: ", StringComparison.Ordinal), () => "each error logged");
        Assert.Equal([(db.Pid, db.Tag!)], rig.Tagged());
        Assert.Null(rig.State("api"));

        rig.Configure(RestarterRig.Program("db", Forever));
        rig.Reload();

        await rig.UntilAsync(() => !File.Exists(rejected), () => "the rejected-config file removed by the good reload");
        Assert.Equal([(db.Pid, db.Tag!)], rig.Tagged());
    }

    [Fact]
    public async Task Restarter_killed_right_after_the_sighup_finishes_the_change_at_its_next_start()
    {
        using var rig = new RestarterRig();
        rig.Configure(RestarterRig.Program("keep", Forever) + RestarterRig.Program("gone", "sleep 1001 & " + Forever) + RestarterRig.Program("web", "exec sleep 1000"));
        rig.Start();
        var keep = await rig.RunningAsync("keep");
        var gone = await rig.RunningAsync("gone");
        var web = await rig.RunningAsync("web");

        rig.Configure(RestarterRig.Program("keep", Forever) + RestarterRig.Program("web", "exec sleep 1002") + RestarterRig.Program("api", Forever));
        rig.Reload();
        rig.Crash();
        rig.Start();

        await AppliedAsync(rig, keep, gone, web);
    }

    [Fact]
    public async Task Restarter_killed_while_it_kills_a_changed_and_a_removed_program_finishes_the_change_at_its_next_start()
    {
        using var rig = new RestarterRig();
        const string Grace = "stop: { grace: 3s }";
        rig.Configure(RestarterRig.Program("keep", Forever) + RestarterRig.Program("gone", Stubborn, Grace) + RestarterRig.Program("web", Stubborn, Grace));
        rig.Start();
        var keep = await rig.RunningAsync("keep");
        var gone = await rig.RunningAsync("gone");
        var web = await rig.RunningAsync("web");

        rig.Configure(RestarterRig.Program("keep", Forever) + RestarterRig.Program("web", "exec sleep 1002", Grace) + RestarterRig.Program("api", Forever));
        rig.Reload();

        // The change's problem is written before the kill starts, and the kill then waits out the grace.
        await rig.UntilAsync(() => rig.IsOpen("web"), () => "web's config-changed problem");
        rig.Crash();
        Assert.Contains(rig.Tagged(), t => t.Tag == web.Tag);
        rig.Start();

        await AppliedAsync(rig, keep, gone, web);
        Assert.Contains(rig.History(), h => h.Contains("restarter: config changed: command\n", StringComparison.Ordinal));
    }

    // The second config is in force: keep untouched, gone stopped and forgotten, web on its new command, api added;
    // exactly one tagged tree per program and nothing of the old launches.
    private static async Task AppliedAsync(RestarterRig rig, ProgramState keep, ProgramState gone, ProgramState web)
    {
        var store = new StateStore(rig.Layout);
        var newWeb = await rig.RunningAsync("web", notTag: web.Tag);
        var api = await rig.RunningAsync("api");
        await rig.UntilAsync(() => !File.Exists(store.PathFor("gone")), () => "gone's state removed");
        var expected = new[] { keep.Tag!, newWeb.Tag!, api.Tag! }.Order(StringComparer.Ordinal).ToArray();
        await rig.UntilAsync(
            () => rig.Tagged().Select(t => t.Tag).Distinct().Order(StringComparer.Ordinal).SequenceEqual(expected),
            () => $"exactly the tags {string.Join(", ", expected)}");
        Assert.Equal(keep.Pid, rig.State("keep")!.Pid);
        Assert.True(Signals.IsAlive(keep.Pid));
        Assert.DoesNotContain(rig.Tagged(), t => t.Tag == gone.Tag || t.Tag == web.Tag);
        Assert.Contains("1002", File.ReadAllText($"/proc/{newWeb.Pid}/cmdline"), StringComparison.Ordinal);
        Assert.Equal(["api", "keep", "web"], store.Names());
        await rig.UntilAsync(() => rig.History().Any(h => h.Contains("restarter: removed from the config", StringComparison.Ordinal)), () => "gone's removal in history");
    }
}
