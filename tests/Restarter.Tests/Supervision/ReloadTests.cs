using Restarter.Tests.Support;
using Watchdog.Common.Config;
using Watchdog.Common.State;

namespace Restarter.Tests.Supervision;

// The difference between the config and the state on disk (DESIGN.md §5 "Reload"), applied by a reload and by a start.
public sealed class ReloadTests
{
    [Fact]
    public async Task Each_launch_records_the_fingerprint_hearts_and_stop_of_its_config()
    {
        var api = SupervisionRig.Program("api", extraHearts: "api.hourly");
        using var rig = new SupervisionRig(api);

        await StartedAsync(rig);

        var state = rig.State("api");
        Assert.Equal(ConfigFingerprint.Of(api), state.ConfigFingerprint);
        Assert.Equal(["api", "api.hourly"], state.HeartNames);
        Assert.Equal(api.Stop, state.Stop);
    }

    [Fact]
    public async Task Reload_launches_an_added_program_and_leaves_the_unchanged_one_alone()
    {
        var db = SupervisionRig.Program("db");
        using var rig = new SupervisionRig(db);
        var supervisor = await StartedAsync(rig);
        var before = rig.State("db");

        await supervisor.Reload([db, SupervisionRig.Program("api")]);
        await rig.SettleAsync(supervisor);

        Assert.Equal(["db", "api"], rig.Host.Launches.Select(l => l.Program));
        Assert.Equal(before.Pid, rig.State("db").Pid);
        Assert.Equal(ProgramPhase.Running, rig.State("api").Phase);
        Assert.Empty(rig.Host.Kills);
    }

    [Fact]
    public async Task Reload_stops_a_removed_program_with_its_stop_and_removes_its_state_hearts_and_output()
    {
        var old = SupervisionRig.Program("old", extraHearts: "old.slow") with { Stop = new StopOptions(2, "SIGINT", TimeSpan.FromSeconds(3)) };
        var db = SupervisionRig.Program("db");
        using var rig = new SupervisionRig(db, old);
        var supervisor = await StartedAsync(rig);
        var state = rig.State("old");
        rig.Problem("old.slow", "heart 'old.slow' silent");

        await supervisor.Reload([db]);
        await rig.SettleAsync(supervisor);

        var kill = Assert.Single(rig.Host.Kills);
        Assert.Equal(state.Tag, kill.Tag);
        Assert.Equal(old.Stop, kill.Stop);
        Assert.DoesNotContain(rig.Host.Live, p => p.Tag == state.Tag);
        Assert.False(File.Exists(rig.States.PathFor("old")));
        Assert.False(File.Exists(rig.Layout.Heart("old")));
        Assert.False(File.Exists(rig.Layout.Heart("old.slow")));
        Assert.Equal(["old"], rig.Host.Released);
        Assert.Empty(rig.OpenProblems());
        Assert.Equal(2, rig.History().Count(h => h.Contains("; removed from the config", StringComparison.Ordinal)));
        Assert.Contains(rig.History(), h => h.Contains("restarter: removed from the config", StringComparison.Ordinal));
        Assert.Equal(["db"], supervisor.Programs.Select(p => p.Name));
    }

    [Fact]
    public async Task An_open_problem_of_a_program_being_removed_is_solved_by_its_removal_not_as_an_unowned_one()
    {
        var db = SupervisionRig.Program("db");
        using var rig = new SupervisionRig(db, SupervisionRig.Program("old", extraHearts: "old.slow"));
        var supervisor = await StartedAsync(rig);
        var kill = new TaskCompletionSource();
        rig.Host.KillsWaitFor = kill.Task;
        rig.Problem("old.slow", "heart 'old.slow' silent");

        var removed = supervisor.Reload([db]);
        supervisor.Rescan();
        kill.SetResult();
        await removed;

        Assert.Equal(2, rig.History().Length);
        Assert.All(rig.History(), h => Assert.Contains("; removed from the config", h, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reload_restarts_a_program_whose_command_changed_through_a_config_changed_problem_without_counting_a_restart()
    {
        var api = SupervisionRig.Program("api");
        using var rig = new SupervisionRig(api);
        var supervisor = await StartedAsync(rig);
        var first = rig.State("api");
        var changed = api with { Command = ["/bin/sleep", "1000"], Executable = "/bin/sleep" };

        await supervisor.Reload([changed]);
        await rig.SettleAsync(supervisor);

        var second = rig.State("api");
        Assert.NotEqual(first.Tag, second.Tag);
        Assert.Equal(first.Tag, Assert.Single(rig.Host.Kills).Tag);
        Assert.Equal(ConfigFingerprint.Of(changed), second.ConfigFingerprint);
        Assert.Empty(second.Restarts);
        var history = Assert.Single(rig.History());
        Assert.Contains("restarter: config changed: command\n", history, StringComparison.Ordinal);
        Assert.Contains($"config changed: command: launched pid {second.Pid}, tag {second.Tag}", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_that_changes_only_policy_keys_keeps_the_same_pid_and_the_next_kill_uses_the_new_stop()
    {
        var api = SupervisionRig.Program("api");
        using var rig = new SupervisionRig(api);
        var supervisor = await StartedAsync(rig);
        var first = rig.State("api");
        var policy = api with
        {
            Stop = new StopOptions(2, "SIGINT", TimeSpan.FromSeconds(1)),
            StartupGrace = TimeSpan.FromSeconds(3),
            Backoff = new BackoffOptions(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(30)),
        };

        await supervisor.Reload([policy]);
        await rig.SettleAsync(supervisor);

        Assert.Equal(first.Pid, rig.State("api").Pid);
        Assert.Single(rig.Host.Launches);
        rig.Problem("api", "heart 'api' silent");
        await rig.SettleAsync(supervisor);
        Assert.Equal(policy.Stop, Assert.Single(rig.Host.Kills).Stop);
    }

    [Fact]
    public async Task Reload_that_renames_a_heart_removes_the_old_heart_file_and_resets_the_new_one()
    {
        var api = SupervisionRig.Program("api", extraHearts: "api.old");
        using var rig = new SupervisionRig(api);
        var supervisor = await StartedAsync(rig);

        await supervisor.Reload([api with { Hearts = [api.Hearts[0], new ProgramHeartOptions("api.new", TimeSpan.FromSeconds(7))] }]);
        await rig.SettleAsync(supervisor);

        Assert.False(File.Exists(rig.Layout.Heart("api.old")));
        Assert.Equal("7\n", File.ReadAllText(rig.Layout.Heart("api.new")));
        Assert.Contains("restarter: config changed: hearts\n", Assert.Single(rig.History()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_removes_a_program_the_config_no_longer_names_killing_its_tree_with_its_recorded_stop()
    {
        using var rig = new SupervisionRig(SupervisionRig.Program("db"));
        var stop = new StopOptions(2, "SIGINT", TimeSpan.FromSeconds(2));
        var orphan = rig.Host.AddProcess(4242, "gone-tag", 99);
        rig.States.Write(new ProgramState("gone", ProgramPhase.Running, "gone-tag", 4242, 99, rig.Time.GetUtcNow(), [], 0, null, null, null)
        {
            HeartNames = ["gone", "gone.extra"],
            Stop = stop,
        });
        File.WriteAllText(rig.Layout.Heart("gone.extra"), "5");
        var supervisor = rig.NewSupervisor();

        supervisor.Start();
        await supervisor.StopAsync(CancellationToken.None);

        Assert.Contains(rig.Host.Kills, k => k.Tag == "gone-tag" && k.Stop == stop);
        Assert.DoesNotContain(orphan, rig.Host.Live);
        Assert.False(File.Exists(rig.States.PathFor("gone")));
        Assert.False(File.Exists(rig.Layout.Heart("gone.extra")));
        Assert.Contains(rig.History(), h => h.Contains("restarter: removed from the config", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_restarts_an_adopted_program_whose_recorded_fingerprint_differs_from_the_config()
    {
        var api = SupervisionRig.Program("api");
        using var rig = new SupervisionRig(api with { Directory = "/tmp" });
        rig.Host.AddProcess(4242, "old-tag", 99);
        rig.States.Write(new ProgramState("api", ProgramPhase.Running, "old-tag", 4242, 99, rig.Time.GetUtcNow(), [], 0, null, null, null)
        {
            ConfigFingerprint = ConfigFingerprint.Of(api),
        });

        await StartedAsync(rig);

        Assert.Equal("old-tag", Assert.Single(rig.Host.Kills).Tag);
        Assert.Single(rig.Host.Launches);
        Assert.Contains("restarter: config changed: directory\n", Assert.Single(rig.History()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_state_written_before_fingerprints_is_adopted_unchanged_and_gets_the_current_fingerprint()
    {
        var api = SupervisionRig.Program("api");
        using var rig = new SupervisionRig(api);
        rig.Host.AddProcess(4242, "old-tag", 99);
        rig.States.Write(new ProgramState("api", ProgramPhase.Running, "old-tag", 4242, 99, rig.Time.GetUtcNow(), [], 0, null, null, null));

        await StartedAsync(rig);

        Assert.Empty(rig.Host.Kills);
        Assert.Empty(rig.Host.Launches);
        Assert.Equal(4242, rig.State("api").Pid);
        Assert.Equal(ConfigFingerprint.Of(api), rig.State("api").ConfigFingerprint);
    }

    private static async Task<Watchdog.Restarter.Supervision.Supervisor> StartedAsync(SupervisionRig rig)
    {
        var supervisor = rig.NewSupervisor();
        supervisor.Start();
        await rig.SettleAsync(supervisor);
        return supervisor;
    }
}
