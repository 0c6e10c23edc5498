using Restarter.Tests.Support;
using Watchdog.Common.Config;
using Watchdog.Common.Protocol;
using Watchdog.Common.State;

namespace Restarter.Tests.Supervision;

// What the restarter records for `status` and how it answers `watchdog reset`, over a fake host and fake time.
public sealed class OperatorRequestTests
{
    [Fact]
    public async Task A_reset_clears_the_give_up_and_launches_at_once()
    {
        var program = SupervisionRig.Program("api", limit: new LimitOptions(1, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10)));
        using var rig = new SupervisionRig(program);
        var supervisor = rig.NewSupervisor();
        supervisor.Start();
        await rig.SettleAsync(supervisor);
        rig.Host.Crash(rig.State("api").Pid, 1);
        await rig.SettleAsync(supervisor);
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        await rig.SettleAsync(supervisor);
        rig.Host.Crash(rig.State("api").Pid, 1);
        await rig.SettleAsync(supervisor);
        Assert.Equal(ProgramPhase.GivenUp, rig.State("api").Phase);
        var launches = rig.Host.Launches.Count;

        Assert.True(ProblemFile.TryCreate(rig.Layout, "api", rig.Time.GetUtcNow(), Detectors.Reset, "requested by ops"));
        await rig.SettleAsync(supervisor);

        var state = rig.State("api");
        Assert.Equal(ProgramPhase.Running, state.Phase);
        Assert.Equal(launches + 1, rig.Host.Launches.Count);
        Assert.Empty(state.EarlyFailures!);
        Assert.Equal(0, state.BackoffAttempt);
        Assert.False(state.OnProbation);
        Assert.Empty(rig.OpenProblems());
        Assert.Contains(rig.History(), h => h.Contains("reset: requested by ops", StringComparison.Ordinal) && h.Contains("reset: give-up and backoff cleared: launched pid", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reset_of_a_running_program_clears_its_count_and_does_not_restart_it()
    {
        using var rig = new SupervisionRig(SupervisionRig.Program("api"));
        var supervisor = rig.NewSupervisor();
        supervisor.Start();
        await rig.SettleAsync(supervisor);
        rig.Host.Crash(rig.State("api").Pid, 1);
        await rig.SettleAsync(supervisor);
        var running = rig.State("api");
        Assert.NotEmpty(running.EarlyFailures!);

        Assert.True(ProblemFile.TryCreate(rig.Layout, "api", rig.Time.GetUtcNow(), Detectors.Reset, "requested by ops"));
        await rig.SettleAsync(supervisor);

        var state = rig.State("api");
        Assert.Equal(running.Pid, state.Pid);
        Assert.Empty(state.EarlyFailures!);
        Assert.Empty(rig.OpenProblems());
        Assert.Contains(rig.History(), h => h.Contains($"pid {running.Pid} keeps running", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_state_says_when_the_stop_signal_went_out_before_it_goes_and_forgets_it_after_the_kill()
    {
        using var rig = new SupervisionRig(SupervisionRig.Program("api"));
        var supervisor = rig.NewSupervisor();
        supervisor.Start();
        await rig.SettleAsync(supervisor);
        ProgramState? during = null;
        rig.Host.DuringKill = _ => during = rig.State("api");

        rig.Problem("api", "heart 'api' silent for 31.0s (timeout 30s)");
        await rig.SettleAsync(supervisor);

        Assert.Equal(rig.Time.GetUtcNow(), during?.StopSignalSentAt);
        Assert.Equal("SIGTERM", during?.StopSignal);
        Assert.Equal(TimeSpan.FromSeconds(10), during?.StopGrace);
        Assert.Null(rig.State("api").StopSignalSentAt);
    }

    [Fact]
    public async Task The_orderly_shutdown_is_recorded_in_the_state()
    {
        using var rig = new SupervisionRig(SupervisionRig.Program("api"));
        var supervisor = rig.NewSupervisor();
        supervisor.Start();
        await rig.SettleAsync(supervisor);

        await supervisor.StopAsync(CancellationToken.None);

        var state = rig.State("api");
        Assert.Equal(rig.Time.GetUtcNow(), state.ShutDownAt);
        Assert.Equal(0, state.Pid);
    }

    [Fact]
    public async Task An_accepted_exit_is_done_without_counting_and_without_hearts()
    {
        var program = SupervisionRig.Program("job") with { Restart = RestartWhen.OnFailure };
        using var rig = new SupervisionRig(program);
        var supervisor = rig.NewSupervisor();
        supervisor.Start();
        await rig.SettleAsync(supervisor);

        rig.Host.Crash(rig.State("job").Pid, 0);
        await rig.SettleAsync(supervisor);

        var state = rig.State("job");
        Assert.Equal(ProgramPhase.Done, state.Phase);
        Assert.Empty(state.Restarts);
        Assert.Single(rig.Host.Launches);
        Assert.False(File.Exists(rig.Layout.Heart("job")));
        Assert.Empty(rig.OpenProblems());
        Assert.Contains(rig.History(), h => h.Contains("restarter: exited with code 0: not restarted (on-failure)", StringComparison.Ordinal));
        Assert.Equal("0 running, 0 in backoff, 0 given up, 0 stopped, 1 done", supervisor.Summary());
    }
}
