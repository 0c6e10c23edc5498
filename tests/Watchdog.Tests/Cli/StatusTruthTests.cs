using Watchdog.Common.State;

namespace Watchdog.Tests.Cli;

// Issue 12, "status that tells the truth": each state an operator met that `status` got wrong.
public sealed class StatusTruthTests : IDisposable
{
    private readonly TestRoot root = new();
    private readonly CliHarness cli = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void A_program_restarted_again_and_again_within_its_window_is_flapping_and_not_healthy()
    {
        root.Running("api", cli.Now.AddSeconds(-8), cli.Now.AddSeconds(-40), cli.Now.AddSeconds(-24), cli.Now.AddSeconds(-8));
        root.Daemons(cli.Now);

        var result = cli.Run("status", "--root", root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("NOT HEALTHY: 1 program flapping", result.OutputLines[0], StringComparison.Ordinal);
        Assert.Matches(@"api\s+flapping \(3 restarts in 1m\)\s+\d+\s+8\.0s \(since 2026-11-22T10:19:52Z\)\s+3", result.Output);
    }

    [Fact]
    public void One_restart_within_the_window_is_not_flapping()
    {
        root.Running("api", cli.Now.AddSeconds(-8), cli.Now.AddSeconds(-8));
        root.Daemons(cli.Now);

        var result = cli.Run("status", "--root", root.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"api\s+running\s", result.Output);
    }

    [Fact]
    public void A_heart_in_its_startup_grace_shows_the_grace_left_instead_of_a_negative_age()
    {
        root.Running("api", cli.Now.AddSeconds(-6));
        root.Heart("api", "30\n", cli.Now.AddSeconds(4));
        root.Daemons(cli.Now);

        var result = cli.Run("status", "--root", root.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"api\s+grace 4\.0 s left\s+30s\s+fresh", result.Output);
        Assert.DoesNotContain("-4.0s", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_restarter_heart_is_the_first_line_whenever_programs_are_configured()
    {
        root.Running("api", cli.Now.AddMinutes(-1));
        root.Heart("watchdog", "5\n", cli.Now.AddSeconds(-65));

        var result = cli.Run("status", "--root", root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("restarter: not running (no heart)", result.OutputLines[0]);
        Assert.Equal("watchdog: not running (heart stale since 2026-11-22T10:19:00.000Z)", result.OutputLines[1]);
        Assert.Contains("NOT HEALTHY: restarter not running, watchdog not running", result.OutputLines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Without_programs_the_daemons_are_not_asked_for()
    {
        var result = cli.Run("status", "--root", root.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("not running", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_program_being_killed_says_when_the_signal_went_out_and_when_SIGKILL_follows()
    {
        var (pid, start) = TestRoot.Self;
        root.States.Write(new ProgramState("api", ProgramPhase.Running, "tag", pid, start, cli.Now.AddMinutes(-3), [], 0, null, "watchdog: heart 'api' silent", null)
        {
            StopSignalSentAt = cli.Now.AddSeconds(-1.2),
            StopSignal = "SIGTERM",
            StopGrace = TimeSpan.FromSeconds(3),
        });
        root.Daemons(cli.Now);

        var result = cli.Run("status", "--root", root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("1 program being killed", result.OutputLines[0], StringComparison.Ordinal);
        Assert.Matches(@"api\s+stopping \(SIGTERM sent 1\.2 s ago, SIGKILL in 1\.8 s\)", result.Output);
    }

    [Fact]
    public void A_program_the_restarter_stopped_at_its_shutdown_is_stopped_not_dead()
    {
        root.States.Write(new ProgramState("api", ProgramPhase.Running, "tag", 0, 0, cli.Now.AddMinutes(-3), [], 0, null, null, null)
        {
            ShutDownAt = cli.Now.AddSeconds(-30),
        });

        var result = cli.Run("status", "--root", root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("restarter: not running (no heart)", result.OutputLines[0]);
        Assert.Matches(@"api\s+stopped \(restarter shut down at 2026-11-22T10:19:30Z\)\s+-\s+-", result.Output);
        Assert.DoesNotContain("dead", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_program_done_by_its_restart_policy_is_healthy_and_says_how_it_ended()
    {
        root.States.Write(new ProgramState("job", ProgramPhase.Done, null, 0, 0, cli.Now.AddMinutes(-3), [], 0, null, "exited with code 0", "exited with code 0: not restarted (on-failure)")
        {
            DoneAt = cli.Now.AddMinutes(-2),
        });
        root.Daemons(cli.Now);

        var result = cli.Run("status", "--root", root.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"job\s+done \(exited with code 0 at 2026-11-22T10:18:00Z\)\s+-\s+-\s+0\s+exited with code 0 → exited with code 0: not restarted \(on-failure\)", result.Output);
    }
}
