using Restarter.Tests.Support;
using Watchdog.Common.Config;
using Watchdog.Common.State;
using Watchdog.Restarter.Processes;
using Watchdog.Restarter.Supervision;

namespace Restarter.Tests.Supervision;

public sealed class SupervisorTests
{
    [Fact]
    public async Task First_start_launches_every_program_with_the_protocol_environment_and_fresh_hearts()
    {
        using var rig = new SupervisionRig(SupervisionRig.Program("api", startupGrace: TimeSpan.FromSeconds(20), extraHearts: "api.hourly"));
        var supervisor = rig.NewSupervisor();

        supervisor.Start();
        await rig.SettleAsync(supervisor);

        var launch = Assert.Single(rig.Host.Launches);
        var state = rig.State("api");
        Assert.Equal(ProgramPhase.Running, state.Phase);
        Assert.Equal(launch.Process.Pid, state.Pid);
        Assert.Equal(launch.Process.StartTime, state.PidStartTime);
        Assert.Equal(state.Tag, launch.Environment[SupervisionRig.TagVariable]);
        Assert.Equal(rig.Layout.Hearts, launch.Environment["WATCHDOG_HEARTS"]);
        Assert.Equal("api", launch.Environment["WATCHDOG_HEART"]);
        Assert.Equal("30", launch.Environment["WATCHDOG_HEART_TIMEOUT"]);
        Assert.Equal("30\n", File.ReadAllText(rig.Layout.Heart("api")));
        Assert.Equal("5\n", File.ReadAllText(rig.Layout.Heart("api.hourly")));
        Assert.Equal((rig.Time.GetUtcNow() + TimeSpan.FromSeconds(20)).UtcDateTime, File.GetLastWriteTimeUtc(rig.Layout.Heart("api")));
    }

    [Fact]
    public async Task The_state_names_the_new_tag_before_any_process_carries_it()
    {
        using var rig = new SupervisionRig(SupervisionRig.Program("api"));
        var supervisor = rig.NewSupervisor();
        var seen = new List<string?>();
        rig.Host.DuringLaunch = (_, _) => seen.Add(rig.State("api").Tag);

        supervisor.Start();
        await rig.SettleAsync(supervisor);
        rig.Host.Crash(rig.State("api").Pid, 1);
        await rig.SettleAsync(supervisor);

        Assert.Equal(rig.Host.Launches.Select(l => l.Environment[SupervisionRig.TagVariable]), seen);
        Assert.Equal(2, seen.Distinct().Count());
    }

    [Fact]
    public async Task Crash_is_written_as_a_problem_and_relaunched_at_once_with_a_new_tag()
    {
        using var rig = new SupervisionRig(SupervisionRig.Program("api"));
        var supervisor = rig.NewSupervisor();
        supervisor.Start();
        await rig.SettleAsync(supervisor);
        var first = rig.State("api");

        rig.Host.Crash(first.Pid, 3);
        await rig.SettleAsync(supervisor);

        var second = rig.State("api");
        Assert.Equal(2, rig.Host.Launches.Count);
        Assert.NotEqual(first.Tag, second.Tag);
        Assert.Equal(ProgramPhase.Running, second.Phase);
        Assert.Equal(first.Tag, rig.Host.Kills.Single().Tag);
        Assert.Empty(rig.OpenProblems());
        var history = Assert.Single(rig.History());
        Assert.Contains("restarter: exited with code 3", history, StringComparison.Ordinal);
        Assert.Contains($"relaunched pid {second.Pid}, tag {second.Tag}", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exit_before_the_launcher_recorded_the_pid_is_not_lost()
    {
        using var rig = new SupervisionRig(SupervisionRig.Program("api"));
        var supervisor = rig.NewSupervisor();
        var exitedOnce = false;
        rig.Host.DuringLaunch = (process, _) =>
        {
            if (!exitedOnce)
            {
                exitedOnce = true;
                rig.Context.Exits.Add(new ChildExit(process.Pid, null, 9));
            }
        };

        supervisor.Start();
        await rig.SettleAsync(supervisor);

        Assert.Equal(2, rig.Host.Launches.Count);
        Assert.Contains("restarter: killed by signal 9", Assert.Single(rig.History()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_storm_backs_off_then_gives_up_then_retries_once_after_the_cool_down()
    {
        var api = SupervisionRig.Program(
            "api",
            backoff: new BackoffOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(60)),
            limit: new LimitOptions(3, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(10)));
        using var rig = new SupervisionRig(["/usr/local/bin/page"], api);
        var supervisor = rig.NewSupervisor();
        supervisor.Start();
        await rig.SettleAsync(supervisor);

        rig.Host.Crash(rig.State("api").Pid, 1);
        await rig.SettleAsync(supervisor);
        Assert.Equal(ProgramPhase.Running, rig.State("api").Phase);

        rig.Host.Crash(rig.State("api").Pid, 1);
        await rig.SettleAsync(supervisor);
        var backoff = rig.State("api");
        Assert.Equal(ProgramPhase.Backoff, backoff.Phase);
        Assert.Equal(rig.Time.GetUtcNow() + TimeSpan.FromSeconds(1), backoff.NextLaunchAt);
        Assert.False(File.Exists(rig.Layout.Heart("api")));
        Assert.Empty(rig.OpenProblems());
        Assert.Contains(rig.History(), h => h.Contains("relaunch scheduled in 1.0 s", StringComparison.Ordinal));

        rig.Time.Advance(TimeSpan.FromMilliseconds(999));
        await rig.SettleAsync(supervisor);
        Assert.Equal(2, rig.Host.Launches.Count);
        rig.Time.Advance(TimeSpan.FromMilliseconds(1));
        await rig.SettleAsync(supervisor);
        Assert.Equal(3, rig.Host.Launches.Count);

        rig.Host.Crash(rig.State("api").Pid, 1);
        await rig.SettleAsync(supervisor);
        Assert.Equal(rig.Time.GetUtcNow() + TimeSpan.FromSeconds(2), rig.State("api").NextLaunchAt);
        rig.Time.Advance(TimeSpan.FromSeconds(2));
        await rig.SettleAsync(supervisor);

        rig.Host.Crash(rig.State("api").Pid, 1);
        await rig.SettleAsync(supervisor);
        var givenUp = rig.State("api");
        Assert.Equal(ProgramPhase.GivenUp, givenUp.Phase);
        Assert.Equal(1, givenUp.GiveUps);
        Assert.Equal(rig.Time.GetUtcNow() + TimeSpan.FromMinutes(10), givenUp.NextLaunchAt);
        Assert.False(File.Exists(rig.Layout.Heart("api")));
        Assert.Contains(rig.History(), h => h.Contains("gave up: 4 restarts within 1m (limit 3)", StringComparison.Ordinal));
        await Poll.UntilAsync(() => rig.Host.Hooks.Count == 1, "the on_give_up hook");
        Assert.Contains(new KeyValuePair<string, string>("WATCHDOG_PROGRAM", "api"), rig.Host.Hooks[0]);

        var launches = rig.Host.Launches.Count;
        rig.Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        await rig.SettleAsync(supervisor);
        Assert.Equal(launches, rig.Host.Launches.Count);
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        await rig.SettleAsync(supervisor);
        Assert.Equal(launches + 1, rig.Host.Launches.Count);
        Assert.True(rig.State("api").OnProbation);

        rig.Host.Crash(rig.State("api").Pid, 1);
        await rig.SettleAsync(supervisor);
        Assert.Equal(ProgramPhase.GivenUp, rig.State("api").Phase);
        Assert.Equal(2, rig.State("api").GiveUps);
        Assert.Equal(launches + 1, rig.Host.Launches.Count);
    }

    [Fact]
    public async Task Heart_problem_kills_the_tree_and_relaunches_with_a_new_tag()
    {
        using var rig = new SupervisionRig(SupervisionRig.Program("api", extraHearts: "api.jobs"));
        var supervisor = rig.NewSupervisor();
        supervisor.Start();
        await rig.SettleAsync(supervisor);
        var first = rig.State("api");
        rig.Time.Advance(TimeSpan.FromSeconds(45));

        rig.Problem("api.jobs", "heart 'api.jobs' silent for 5.1s (timeout 5s)");
        await rig.SettleAsync(supervisor);

        var kill = Assert.Single(rig.Host.Kills);
        Assert.Equal(first.Tag, kill.Tag);
        Assert.Equal(new LaunchedProcess(first.Pid, first.PidStartTime), kill.Main);
        Assert.NotEqual(first.Tag, rig.State("api").Tag);
        Assert.Empty(rig.OpenProblems());
        var history = Assert.Single(rig.History());
        Assert.Contains("watchdog: heart 'api.jobs' silent", history, StringComparison.Ordinal);
        Assert.Contains("restarter: sent SIGTERM+SIGCONT to 1 process", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_problem_is_solved_into_history_once_and_its_heart_removed()
    {
        using var rig = new SupervisionRig(SupervisionRig.Program("api"));
        var supervisor = rig.NewSupervisor();
        supervisor.Start();
        await rig.SettleAsync(supervisor);
        File.WriteAllText(rig.Layout.Heart("ghost"), "5");
        rig.Problem("ghost", "heart 'ghost' silent for 6.0s (timeout 5s)");

        supervisor.Rescan();
        supervisor.Rescan();
        await rig.SettleAsync(supervisor);

        Assert.Empty(rig.OpenProblems());
        Assert.False(File.Exists(rig.Layout.Heart("ghost")));
        Assert.Contains("no program owns heart 'ghost'", Assert.Single(rig.History()), StringComparison.Ordinal);
        Assert.Single(rig.Host.Launches);
    }

    [Fact]
    public void Restarter_problem_at_start_up_is_solved_as_restarter_is_back_and_watchdog_is_left_alone()
    {
        using var rig = new SupervisionRig(SupervisionRig.Program("api"));
        File.WriteAllText(rig.Layout.Heart("restarter"), "10");
        File.WriteAllText(rig.Layout.Heart("watchdog"), "10");
        rig.Problem("restarter", "heart 'restarter' silent for 11.0s (timeout 10s)");
        rig.Problem("watchdog", "operator: look at me");

        rig.NewSupervisor().Start();

        Assert.Equal(["watchdog"], rig.OpenProblems());
        Assert.True(File.Exists(rig.Layout.Heart("restarter")));
        Assert.True(File.Exists(rig.Layout.Heart("watchdog")));
        Assert.Contains("restarter: restarter is back", Assert.Single(rig.History()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_live_program_recorded_in_the_state_is_adopted_without_a_relaunch()
    {
        using var rig = new SupervisionRig(SupervisionRig.Program("api"));
        var running = rig.Host.AddProcess(4242, "old-tag", 99);
        rig.States.Write(new ProgramState("api", ProgramPhase.Running, "old-tag", 4242, 99, rig.Time.GetUtcNow(), [], 0, null, null, null));
        var supervisor = rig.NewSupervisor();

        supervisor.Start();
        await rig.SettleAsync(supervisor);

        Assert.Empty(rig.Host.Launches);
        Assert.Empty(rig.Host.Kills);
        Assert.Equal(["api"], rig.Host.Attached);
        Assert.Contains(running, rig.Host.Live);
    }

    [Fact]
    public async Task Adopted_program_that_dies_is_noticed_by_polling_and_relaunched()
    {
        using var rig = new SupervisionRig(SupervisionRig.Program("api"));
        rig.Host.AddProcess(4242, "old-tag", 99);
        rig.States.Write(new ProgramState("api", ProgramPhase.Running, "old-tag", 4242, 99, rig.Time.GetUtcNow(), [], 0, null, null, null));
        var supervisor = rig.NewSupervisor();
        supervisor.Start();
        await rig.SettleAsync(supervisor);

        await rig.Host.KillTreeAsync(SupervisionRig.TagVariable, "old-tag", null, new StopOptions(9, "SIGKILL", TimeSpan.Zero), CancellationToken.None);
        await rig.SettleAsync(supervisor);

        Assert.Single(rig.Host.Launches);
        Assert.Contains("restarter: pid 4242 is gone", Assert.Single(rig.History()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recorded_pid_that_now_belongs_to_another_process_is_not_adopted_and_only_the_tag_is_killed()
    {
        using var rig = new SupervisionRig(SupervisionRig.Program("api"));
        var stranger = rig.Host.AddUntaggedProcess(4242, 12345);
        rig.States.Write(new ProgramState("api", ProgramPhase.Running, "old-tag", 4242, 99, rig.Time.GetUtcNow(), [], 0, null, null, null));
        var supervisor = rig.NewSupervisor();

        supervisor.Start();
        await rig.SettleAsync(supervisor);

        Assert.Single(rig.Host.Launches);
        Assert.Contains(rig.Host.Kills, k => k.Tag == "old-tag" && k.Main is null);
        Assert.Empty(rig.Host.Attached);
        Assert.Contains(stranger, rig.Host.Live);
    }

    [Fact]
    public async Task Process_with_this_roots_instance_id_and_no_current_launch_is_killed_at_start()
    {
        using var rig = new SupervisionRig(SupervisionRig.Program("api"));
        var leftover = InstanceId.LoadOrCreate(rig.Layout).NewTag();
        rig.Host.AddProcess(5000, leftover, 1);
        var supervisor = rig.NewSupervisor();

        supervisor.Start();
        await supervisor.StopAsync(CancellationToken.None);

        Assert.Contains(rig.Host.Kills, k => k.Tag == leftover);
        Assert.DoesNotContain(rig.Host.Live, p => p.Tag == leftover);
    }

    [Fact]
    public async Task Processes_of_another_instance_and_unrecorded_bare_tags_are_left_alone_and_the_bare_one_is_named_once()
    {
        using var rig = new SupervisionRig(SupervisionRig.Program("api"));
        var foreign = new InstanceId(Guid.NewGuid().ToString()).NewTag();
        var bare = Guid.NewGuid().ToString();
        rig.Host.AddProcess(5000, foreign, 1);
        rig.Host.AddProcess(5001, bare, 2);
        rig.Host.AddProcess(5002, bare, 3);
        var supervisor = rig.NewSupervisor();

        supervisor.Start();
        await rig.SettleAsync(supervisor);
        await supervisor.StopAsync(CancellationToken.None);

        Assert.DoesNotContain(rig.Host.Kills, k => k.Tag == foreign || k.Tag == bare);
        Assert.Contains(rig.Host.Live, p => p.Tag == foreign);
        Assert.Equal(2, rig.Host.Live.Count(p => p.Tag == bare));
        var named = Assert.Single(rig.Logs.Events, e => e.Message.Contains(bare, StringComparison.Ordinal));
        Assert.Contains("Leaving alone", named.Message, StringComparison.Ordinal);
        Assert.Contains("5001 5002", named.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(rig.Logs.Events, e => e.Message.Contains(foreign, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_tag_carries_the_roots_instance_id_which_is_kept_across_restarts_of_the_restarter()
    {
        using var rig = new SupervisionRig(SupervisionRig.Program("api"));
        var supervisor = rig.NewSupervisor();
        supervisor.Start();
        await rig.SettleAsync(supervisor);
        var instance = File.ReadAllText(Path.Combine(rig.Layout.State, InstanceId.FileName)).Trim();
        rig.Host.Crash(rig.State("api").Pid, 1);
        var restarted = rig.NewSupervisor();
        restarted.Start();
        await rig.SettleAsync(restarted);

        Assert.Equal(2, rig.Host.Launches.Count);
        Assert.All(rig.Host.Launches, l => Assert.StartsWith(instance + ".", l.Environment[SupervisionRig.TagVariable], StringComparison.Ordinal));
        Assert.Equal(instance + "\n", File.ReadAllText(Path.Combine(rig.Layout.State, InstanceId.FileName)));
    }

    [Fact]
    public async Task A_bare_tag_recorded_in_the_state_is_still_this_roots_and_is_killed_when_its_main_process_is_gone()
    {
        using var rig = new SupervisionRig(SupervisionRig.Program("api"));
        var bare = Guid.NewGuid().ToString();
        rig.Host.AddProcess(5001, bare, 2);
        rig.States.Write(new ProgramState("api", ProgramPhase.Running, bare, 4242, 99, rig.Time.GetUtcNow(), [], 0, null, null, null));
        var supervisor = rig.NewSupervisor();

        supervisor.Start();
        await rig.SettleAsync(supervisor);

        Assert.Contains(rig.Host.Kills, k => k.Tag == bare);
        Assert.DoesNotContain(rig.Host.Live, p => p.Tag == bare);
        Assert.Single(rig.Host.Launches);
    }

    [Fact]
    public async Task Fifos_and_symlinks_in_problems_never_wedge_the_loop_are_never_read_and_are_set_aside_with_one_line_each()
    {
        using var rig = new SupervisionRig(SupervisionRig.Program("api", extraHearts: "api.jobs"));
        var secret = Path.Combine(rig.Layout.Root, "secret");
        File.WriteAllText(secret, "2026-11-22T10:00:00.000Z root: secret\n");
        File.CreateSymbolicLink(rig.Layout.Problem("api.jobs"), secret);
        File.CreateSymbolicLink(rig.Layout.Problem("elsewhere"), secret);
        foreach (var fifo in (string[])["api", "ghost"])
        {
            using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [rig.Layout.Problem(fifo)]);
            await mkfifo.WaitForExitAsync();
        }

        var supervisor = rig.NewSupervisor();
        await Task.Run(async () =>
        {
            supervisor.Start();
            await rig.SettleAsync(supervisor);
            supervisor.Rescan();
            supervisor.Rescan();
            await rig.SettleAsync(supervisor);
        }).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(ProgramPhase.Running, rig.State("api").Phase);
        Assert.Single(rig.Host.Launches);
        Assert.Empty(rig.History());
        Assert.Equal("2026-11-22T10:00:00.000Z root: secret\n", File.ReadAllText(secret));
        Assert.Empty(Directory.EnumerateFileSystemEntries(rig.Layout.Problems));
        var warnings = rig.Logs.Events.Where(e => e.Message.StartsWith("Set aside a problem entry", StringComparison.Ordinal)).Select(e => e.Property("What")).OfType<string>().ToList();
        Assert.Equal(["api", "api.jobs", "elsewhere", "ghost"], warnings.Select(w => Path.GetFileName(w[..w.IndexOf(' ', StringComparison.Ordinal)])).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Symlink_in_place_of_a_down_file_is_never_followed_stops_nothing_and_is_named_once()
    {
        using var rig = new SupervisionRig(SupervisionRig.Program("api"));
        var supervisor = rig.NewSupervisor();
        supervisor.Start();
        await rig.SettleAsync(supervisor);
        var outside = Path.Combine(rig.Layout.Root, "outside");
        File.WriteAllText(outside, "");
        File.CreateSymbolicLink(rig.Layout.DownFile("api"), outside);

        supervisor.Rescan();
        await rig.SettleAsync(supervisor);
        supervisor.Rescan();
        await rig.SettleAsync(supervisor);

        Assert.Equal(ProgramPhase.Running, rig.State("api").Phase);
        Assert.Single(rig.Host.Launches);
        Assert.Empty(rig.Host.Kills);
        Assert.Single(rig.Logs.Events, e => e.Message.StartsWith("Ignoring the down file of api", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Down_file_stops_the_program_and_removes_its_hearts_until_it_is_removed()
    {
        using var rig = new SupervisionRig(SupervisionRig.Program("api"));
        var supervisor = rig.NewSupervisor();
        supervisor.Start();
        await rig.SettleAsync(supervisor);
        var first = rig.State("api");

        File.WriteAllText(rig.Layout.DownFile("api"), "");
        await rig.SettleAsync(supervisor);

        Assert.Equal(ProgramPhase.Stopped, rig.State("api").Phase);
        Assert.Null(rig.State("api").Tag);
        Assert.Equal(first.Tag, Assert.Single(rig.Host.Kills).Tag);
        Assert.False(File.Exists(rig.Layout.Heart("api")));
        rig.Problem("api", "operator: restart please");
        await rig.SettleAsync(supervisor);
        Assert.Single(rig.Host.Launches);
        Assert.Empty(rig.OpenProblems());

        var restarted = rig.NewSupervisor();
        restarted.Start();
        await rig.SettleAsync(restarted);
        Assert.Single(rig.Host.Launches);

        File.Delete(rig.Layout.DownFile("api"));
        await rig.SettleAsync(restarted);
        Assert.Equal(2, rig.Host.Launches.Count);
        Assert.Equal(ProgramPhase.Running, rig.State("api").Phase);
        Assert.NotEqual(first.Tag, rig.State("api").Tag);
        Assert.True(File.Exists(rig.Layout.Heart("api")));
    }

    [Fact]
    public async Task A_problem_left_open_by_a_crash_after_the_relaunch_is_solved_without_another_restart()
    {
        using var rig = new SupervisionRig(SupervisionRig.Program("api"));
        rig.Problem("api", "heart 'api' silent", rig.Time.GetUtcNow());
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        rig.Host.AddProcess(4242, "new-tag", 99);
        rig.States.Write(new ProgramState("api", ProgramPhase.Running, "new-tag", 4242, 99, rig.Time.GetUtcNow(), [], 0, null, null, null));
        var supervisor = rig.NewSupervisor();

        supervisor.Start();
        await rig.SettleAsync(supervisor);

        Assert.Empty(rig.Host.Launches);
        Assert.Empty(rig.OpenProblems());
        Assert.Contains("already relaunched at", Assert.Single(rig.History()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_launch_that_fails_is_retried_after_backoff()
    {
        using var rig = new SupervisionRig(SupervisionRig.Program("api"));
        rig.Host.FailNextLaunch = "cannot execute /bin/true: no such file";
        var supervisor = rig.NewSupervisor();

        supervisor.Start();
        await rig.SettleAsync(supervisor);

        Assert.Equal(ProgramPhase.Backoff, rig.State("api").Phase);
        Assert.Contains("launch failed: cannot execute", rig.State("api").LastResolution, StringComparison.Ordinal);
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        await rig.SettleAsync(supervisor);
        Assert.Single(rig.Host.Launches);
        Assert.Equal(ProgramPhase.Running, rig.State("api").Phase);
    }

    [Fact]
    public async Task Orderly_stop_kills_every_tree_and_removes_the_hearts()
    {
        using var rig = new SupervisionRig(SupervisionRig.Program("api"), SupervisionRig.Program("worker"));
        var supervisor = rig.NewSupervisor();
        supervisor.Start();
        await rig.SettleAsync(supervisor);

        await supervisor.StopAsync(CancellationToken.None);

        Assert.Empty(rig.Host.Live);
        Assert.False(File.Exists(rig.Layout.Heart("api")));
        Assert.False(File.Exists(rig.Layout.Heart("worker")));
        Assert.Equal(0, rig.State("api").Pid);
    }

    [Fact]
    public async Task Restarter_dying_between_launch_and_recording_the_pid_costs_one_extra_restart_and_no_duplicate()
    {
        using var rig = new SupervisionRig(SupervisionRig.Program("api"));
        var first = rig.NewSupervisor();
        first.Start();
        await rig.SettleAsync(first);
        var original = rig.State("api");
        rig.Time.Advance(TimeSpan.FromSeconds(30));
        rig.Problem("api", "heart 'api' silent");
        rig.Host.DuringLaunch = (_, _) => throw new InvalidOperationException("the restarter is SIGKILLed here");

        await Assert.ThrowsAsync<InvalidOperationException>(() => first.Programs[0].StepAsync(CancellationToken.None));
        rig.Host.DuringLaunch = null;
        var orphanTag = rig.State("api").Tag;
        Assert.NotEqual(original.Tag, orphanTag);
        Assert.Equal(0, rig.State("api").Pid);
        var second = rig.NewSupervisor();
        second.Start();
        await rig.SettleAsync(second);

        var state = rig.State("api");
        Assert.Equal([(state.Pid, state.Tag!)], rig.Host.Live.Select(p => (p.Pid, p.Tag)));
        Assert.Contains(rig.Host.Kills, k => k.Tag == orphanTag);
        Assert.Equal(3, rig.Host.Launches.Count);
        Assert.Empty(rig.OpenProblems());
        Assert.Single(rig.History());
    }
}
