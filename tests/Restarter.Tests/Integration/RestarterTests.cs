using System.Diagnostics;
using Restarter.Tests.Support;
using Watchdog.Common;
using Watchdog.Common.Processes;
using Watchdog.Common.State;

namespace Restarter.Tests.Integration;

// The real restarter executable supervising real bash programs. Problems a watchdog would write are written by
// the test, as `watchdog mark` does.
[Collection("restarter")]
public sealed class RestarterTests
{
    private const string Forever = "exec sleep 1000";

    [Fact]
    public async Task Crash_is_relaunched_without_waiting_for_a_timeout()
    {
        using var rig = new RestarterRig();
        var flag = Path.Combine(rig.Scratch, "crashed-once");
        rig.Configure(RestarterRig.Program("crasher", $"if [ -e {flag} ]; then {Forever}; fi; touch {flag}; exit 1", "hearts: { crasher: 1h }"));

        rig.Start();

        var state = await rig.RunningAsync("crasher");
        Assert.True(File.Exists(flag));
        await Poll.UntilAsync(() => rig.History().Any(h => h.Contains("restarter: exited with code 1", StringComparison.Ordinal)), "the crash in history");
        Assert.Equal([(state.Pid, state.Tag!)], rig.Tagged());
    }

    [Fact]
    public async Task Hang_is_killed_and_relaunched_with_a_new_tag()
    {
        using var rig = new RestarterRig();
        rig.Configure(RestarterRig.Program("hanger", Forever));
        rig.Start();
        var first = await rig.RunningAsync("hanger");

        rig.Problem("hanger", "heart 'hanger' silent for 31.0s (timeout 30s)");

        var second = await rig.RunningAsync("hanger", notTag: first.Tag);
        Assert.False(Signals.IsAlive(first.Pid));
        await Poll.UntilAsync(() => !rig.IsOpen("hanger"), "the problem solved");
        var history = Assert.Single(rig.History());
        Assert.Contains("test: heart 'hanger' silent", history, StringComparison.Ordinal);
        Assert.Contains($"relaunched pid {second.Pid}, tag {second.Tag}", history, StringComparison.Ordinal);
        Assert.True(File.Exists(rig.Layout.Heart("hanger")));
    }

    [Fact]
    public async Task Program_that_never_beats_is_marked_by_the_real_watchdog_and_relaunched_with_a_new_tag()
    {
        using var rig = new RestarterRig();
        rig.Configure(RestarterRig.Program("silent", Forever, "hearts: { silent: 1s }", "startup_grace: 500ms", "backoff: { reset: 100ms }"));
        rig.StartWatchdog();
        rig.Start();
        var first = await rig.RunningAsync("silent");

        var second = await rig.RunningAsync("silent", notTag: first.Tag);

        Assert.False(Signals.IsAlive(first.Pid));
        await rig.UntilAsync(
            () => rig.History().Any(h => h.Contains("watchdog: heart 'silent' silent", StringComparison.Ordinal) && h.Contains($"relaunched pid {second.Pid}", StringComparison.Ordinal)),
            () => "the watchdog's problem solved by the relaunch");
    }

    [Fact]
    public async Task Setsid_grandchild_and_same_group_child_are_killed_with_the_main_process()
    {
        using var rig = new RestarterRig();
        rig.Configure(RestarterRig.Program("family", $"setsid -f sleep 1001; sleep 1002 & {Forever}"));
        rig.Start();
        var first = await rig.RunningAsync("family");
        await Poll.UntilAsync(() => rig.Tagged().Count == 3, "main, setsid'ed grandchild and same-group child");
        var oldPids = rig.Tagged().Select(p => p.Pid).ToList();

        rig.Problem("family", "heart 'family' silent");

        var second = await rig.RunningAsync("family", notTag: first.Tag);
        Assert.All(oldPids, pid => Assert.False(Signals.IsAlive(pid), $"pid {pid} of the old tree is still alive"));
        await Poll.UntilAsync(() => rig.Tagged().Count == 3, "the new tree");
        Assert.All(rig.Tagged(), p => Assert.Equal(second.Tag, p.Tag));
    }

    [Fact]
    public async Task Program_that_ignores_SIGTERM_is_SIGKILLed_after_the_grace()
    {
        using var rig = new RestarterRig();
        rig.Configure(RestarterRig.Program("stubborn", "trap \"\" TERM; while true; do sleep 0.2; done", "stop: { grace: 500ms }"));
        rig.Start();
        var first = await rig.RunningAsync("stubborn");

        rig.Problem("stubborn", "heart 'stubborn' silent");

        await rig.RunningAsync("stubborn", notTag: first.Tag);
        Assert.False(Signals.IsAlive(first.Pid));
        await Poll.UntilAsync(() => !rig.IsOpen("stubborn"), "the problem solved");
        Assert.Contains("SIGKILL", Assert.Single(rig.History()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_storm_backs_off_gives_up_and_retries_once_after_the_cool_down()
    {
        using var rig = new RestarterRig();
        rig.Configure(RestarterRig.Program(
            "storm",
            "exit 1",
            "backoff: { initial: 50ms, max: 100ms }",
            "limit: { restarts: 3, within: 30s, cool_down: 2s }"));

        rig.Start();

        var givenUp = await Poll.ForAsync(() => rig.State("storm") is { Phase: ProgramPhase.GivenUp } s ? s : null, "the first give-up");
        Assert.Equal(1, givenUp.GiveUps);
        await Poll.UntilAsync(() => !File.Exists(rig.Layout.Heart("storm")), "the heart removed after the give-up (the state is committed first)");
        // The problem reaches history after the state (step 7 of the crash-only order).
        await Poll.UntilAsync(() => rig.History().Any(h => h.Contains("gave up: 4 restarts within 30s (limit 3)", StringComparison.Ordinal)), "the give-up in history");
        Assert.Contains(rig.History(), h => h.Contains("relaunch scheduled in 0.", StringComparison.Ordinal));

        var again = await Poll.ForAsync(() => rig.State("storm") is { Phase: ProgramPhase.GivenUp, GiveUps: 2 } s ? s : null, "the retry after the cool-down, given up again");
        Assert.True(again.LaunchedAt >= givenUp.NextLaunchAt);
        await Poll.UntilAsync(() => rig.History().Any(h => h.Contains("gave up again", StringComparison.Ordinal)), "the second give-up in history");
        Assert.Empty(rig.Tagged());
    }

    [Fact]
    public async Task Programs_survive_a_restarter_crash_and_are_adopted_without_a_duplicate()
    {
        using var rig = new RestarterRig();
        rig.Configure(RestarterRig.Program("a", Forever) + RestarterRig.Program("b", Forever));
        rig.Start();
        var a = await rig.RunningAsync("a");
        var b = await rig.RunningAsync("b");

        rig.Crash();
        Assert.True(Signals.IsAlive(a.Pid));
        Assert.True(Signals.IsAlive(b.Pid));
        rig.Start();

        await rig.UntilAsync(() => rig.Output.Contains("Adopted a", StringComparison.Ordinal) && rig.Output.Contains("Adopted b", StringComparison.Ordinal), () => "both adopted");

        // A problem first noticed before the launch is solved by a pass of each program's loop as "already
        // relaunched": once both are in history, each loop has run a pass on the adopted state, and passes are
        // sequential, so a relaunch would have had to happen before (a new tag) and cannot come later by itself.
        rig.Problem("a", "left open by a crash", a.LaunchedAt!.Value.AddSeconds(-1));
        rig.Problem("b", "left open by a crash", b.LaunchedAt!.Value.AddSeconds(-1));
        await rig.UntilAsync(() => !rig.IsOpen("a") && !rig.IsOpen("b"), () => "both stale problems solved");
        Assert.All(rig.History(), h => Assert.Contains("already relaunched at", h, StringComparison.Ordinal));
        Assert.Equal((a.Pid, a.Tag), (rig.State("a")!.Pid, rig.State("a")!.Tag));
        Assert.Equal((b.Pid, b.Tag), (rig.State("b")!.Pid, rig.State("b")!.Tag));
        Assert.Equal(new[] { (a.Pid, a.Tag!), (b.Pid, b.Tag!) }.Order(), rig.Tagged().Order());
    }

    [Fact]
    public async Task Restarter_killed_at_random_points_of_a_relaunch_leaves_exactly_one_instance_and_no_orphan()
    {
        using var rig = new RestarterRig();
        rig.Configure(RestarterRig.Program("victim", $"setsid -f sleep 1001; {Forever}", "stop: { grace: 300ms }", "backoff: { initial: 10ms, max: 20ms }", "limit: { restarts: 1000, within: 1s }"));
        var random = new Random(20261122);
        rig.Start();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 15 && clock.Elapsed < TimeSpan.FromSeconds(60); i++)
        {
            var before = await rig.RunningAsync("victim");
            rig.Problem("victim", $"iteration {i}");
            await Task.Delay(random.Next(0, 150));
            rig.Crash();
            rig.Start();

            await rig.UntilAsync(
                () => rig.State("victim") is { Phase: ProgramPhase.Running, Pid: > 0 } now
                    && rig.Tagged() is { Count: 2 } tagged && tagged.All(p => p.Tag == now.Tag) && tagged.Any(p => p.Pid == now.Pid)
                    && !rig.IsOpen("victim"),
                () => $"iteration {i}: one instance (main + grandchild) with the state's tag, nothing else tagged, the problem solved; state: {rig.State("victim")}");
            var after = rig.State("victim")!;
            Assert.True(after.Tag == before.Tag || !Signals.IsAlive(before.Pid));
        }
    }

    [Fact]
    public async Task Unknown_problem_is_solved_into_history_without_a_loop()
    {
        using var rig = new RestarterRig();
        rig.Configure(RestarterRig.Program("api", Forever));
        rig.Start();
        var api = await rig.RunningAsync("api");
        File.WriteAllText(rig.Layout.Heart("ghost"), "5");

        rig.Problem("ghost", "heart 'ghost' silent for 6.0s (timeout 5s)");

        await Poll.UntilAsync(() => !rig.IsOpen("ghost"), "the unknown problem solved");
        Assert.Contains("no program owns heart 'ghost'", Assert.Single(rig.History()), StringComparison.Ordinal);
        Assert.False(File.Exists(rig.Layout.Heart("ghost")));
        Assert.Equal(api.Tag, rig.State("api")!.Tag);
    }

    [Fact]
    public async Task A_recorded_pid_that_belongs_to_another_process_is_not_signalled()
    {
        using var rig = new RestarterRig();
        using var stranger = Process.Start("sleep", "1000");
        try
        {
            Assert.True(ProcFs.TryReadStat(stranger.Id, out var stat));
            rig.Layout.EnsureCreated();
            new StateStore(rig.Layout).Write(new ProgramState("api", ProgramPhase.Running, "tag-of-a-previous-life", stranger.Id, stat.StartTime, DateTimeOffset.UtcNow, [], 0, null, null, null));
            rig.Configure(RestarterRig.Program("api", Forever, "stop: { grace: 200ms }"));

            rig.Start();

            var api = await rig.RunningAsync("api");
            Assert.NotEqual(stranger.Id, api.Pid);
            Assert.False(stranger.HasExited);
            Assert.True(Signals.IsAlive(stranger.Id));
        }
        finally
        {
            stranger.Kill();
        }
    }

    [Fact]
    public async Task Bad_config_exits_78_with_every_error()
    {
        using var rig = new RestarterRig();
        File.WriteAllText(rig.ConfigPath, """
            restarter:
              tag_variable: WDT_BAD
              programs:
                - name: api
                  command: [/bin/true]
                  startup_grace: forever
                - name: worker
                  colour: blue
            """);
        using var process = Process.Start(new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "restarter"), ["run", "--config", rig.ConfigPath])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;

        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(ExitCodes.Config, process.ExitCode);
        Assert.Contains("startup_grace", error, StringComparison.Ordinal);
        Assert.Contains("colour", error, StringComparison.Ordinal);
        Assert.Contains("command", error, StringComparison.Ordinal);
        Assert.Empty(TaggedProcesses.Find("WDT_BAD"));
    }

    [Fact]
    public async Task Down_file_keeps_the_program_stopped_through_a_restarter_crash_and_its_removal_relaunches_it()
    {
        using var rig = new RestarterRig();
        rig.Configure(RestarterRig.Program("api", Forever));
        rig.Start();
        var first = await rig.RunningAsync("api");

        File.WriteAllText(rig.Layout.DownFile("api"), "");

        // The state is committed before the hearts are removed: wait for both.
        await Poll.UntilAsync(
            () => rig.State("api")?.Phase == ProgramPhase.Stopped && rig.Tagged().Count == 0 && !File.Exists(rig.Layout.Heart("api")),
            "stopped, its tree gone, its heart removed");
        rig.Crash();
        rig.Start();
        await rig.UntilAsync(() => CountOf(rig.Output, "Restarter running") == 2, () => "the restarter back");
        rig.Problem("api", "operator: please restart");
        await Poll.UntilAsync(() => !rig.IsOpen("api"), "the problem solved while stopped");
        Assert.Empty(rig.Tagged());
        Assert.Equal(ProgramPhase.Stopped, rig.State("api")!.Phase);
        Assert.False(File.Exists(rig.Layout.Heart("api")));

        File.Delete(rig.Layout.DownFile("api"));

        var second = await rig.RunningAsync("api", notTag: first.Tag);
        Assert.NotNull(second.Tag);

        // The hearts are reset right after the state names the new pid (steps 5 and 6).
        await Poll.UntilAsync(() => File.Exists(rig.Layout.Heart("api")), "the heart written afresh");
    }

    [Fact]
    public async Task Orderly_stop_kills_every_tree_removes_the_hearts_and_exits_0()
    {
        using var rig = new RestarterRig();
        rig.Configure(RestarterRig.Program("a", $"setsid -f sleep 1001; {Forever}") + RestarterRig.Program("b", Forever));
        rig.Start();
        await rig.RunningAsync("a");
        await rig.RunningAsync("b");
        Assert.True(File.Exists(rig.Layout.Heart("restarter")));

        Assert.Equal(0, await rig.StopAsync());

        Assert.Empty(rig.Tagged());
        Assert.False(File.Exists(rig.Layout.Heart("restarter")));
        Assert.False(File.Exists(rig.Layout.Heart("a")));
        Assert.False(File.Exists(rig.Layout.Heart("b")));
    }

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;
}
