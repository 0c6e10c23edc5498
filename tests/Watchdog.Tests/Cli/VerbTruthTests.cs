using Watchdog.Common.Protocol;
using Watchdog.Common.State;

namespace Watchdog.Tests.Cli;

// Issue 12: `mark`, `start` and `reset` say what the restarter will really do, and a double mark is one restart.
public sealed class VerbTruthTests : IDisposable
{
    private readonly TestRoot root = new();
    private readonly CliHarness cli = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void Mark_of_a_given_up_program_names_reset_and_marks_nothing()
    {
        root.State("api", ProgramPhase.GivenUp, nextLaunchAt: cli.Now.AddMinutes(10));
        root.Daemons(cli.Now);

        var result = cli.Run("mark", "api", "--root", root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not marked: 'api' is given up until 2026-11-22T10:30:00.000Z; `watchdog reset api` launches it now", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(root.Layout.Problem("api")));
    }

    [Fact]
    public void Mark_of_a_stopped_program_names_start_and_marks_nothing()
    {
        root.State("api", ProgramPhase.Stopped);
        root.Down("api");
        root.Daemons(cli.Now);

        var result = cli.Run("mark", "api", "--root", root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'api' is stopped (down/api); `watchdog start api` runs it again", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(root.Layout.Problem("api")));
    }

    [Fact]
    public void Mark_without_a_running_restarter_marks_and_says_nothing_acts_on_it_yet()
    {
        root.Running("api", cli.Now.AddMinutes(-1));

        var result = cli.Run("mark", "api", "--root", root.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(root.Layout.Problem("api")));
        Assert.Contains("no restarter is running (no heart): nothing will restart or start 'api' until one runs; the problem stays open until then", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mark_right_after_a_solved_restart_of_the_same_name_is_not_a_second_restart_unless_forced()
    {
        root.Running("api", cli.Now.AddSeconds(-0.4));
        root.Daemons(cli.Now);
        root.History("api", cli.Now.AddSeconds(-0.5), "2026-11-22T10:19:59.500Z operator: restart requested by ops", "2026-11-22T10:19:59.600Z restarter: relaunched pid 7, tag t");

        var again = cli.Run("mark", "api", "--root", root.Path);

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("a restart for 'api' was done 0.4 s ago; not marked again (use --force to restart again)", again.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(root.Layout.Problem("api")));

        Assert.Equal(0, cli.Run("mark", "api", "--force", "--root", root.Path).ExitCode);
        Assert.True(File.Exists(root.Layout.Problem("api")));
    }

    [Fact]
    public void A_mark_a_second_after_the_last_restart_is_a_new_restart()
    {
        root.Running("api", cli.Now.AddSeconds(-1));
        root.Daemons(cli.Now);
        root.History("api", cli.Now.AddSeconds(-1.1), "2026-11-22T10:19:58.900Z operator: restart requested by ops", "2026-11-22T10:19:59.000Z restarter: relaunched pid 7, tag t");

        Assert.Equal(0, cli.Run("mark", "api", "--root", root.Path).ExitCode);
        Assert.True(File.Exists(root.Layout.Problem("api")));
    }

    [Fact]
    public void Start_of_a_given_up_program_says_so_at_once_instead_of_waiting()
    {
        root.State("api", ProgramPhase.GivenUp, nextLaunchAt: cli.Now.AddMinutes(10));
        root.Daemons(cli.Now);

        var result = cli.Run("start", "api", "--root", root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not started: 'api' is given up until 2026-11-22T10:30:00.000Z; `watchdog reset api` launches it now", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("is it running?", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_without_a_running_restarter_removes_the_down_file_and_says_nothing_starts_it_yet()
    {
        root.State("api", ProgramPhase.Stopped);
        root.Down("api");

        var result = cli.Run("start", "api", "--root", root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.False(File.Exists(root.Layout.DownFile("api")));
        Assert.Contains("no restarter is running (no heart)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_of_a_done_program_asks_the_restarter_for_a_launch_and_waits_for_it()
    {
        var system = new CliHarness(TimeProvider.System);
        root.States.Write(new ProgramState("job", ProgramPhase.Done, null, 0, 0, DateTimeOffset.UtcNow.AddMinutes(-3), [], 0, null, "exited with code 0", "x") { DoneAt = DateTimeOffset.UtcNow.AddMinutes(-2) });
        root.Daemons(DateTimeOffset.UtcNow);
        var restarter = Task.Run(async () =>
        {
            await Poll.UntilAsync(() => File.Exists(root.Layout.Problem("job")), "problems/job written");
            root.Running("job", DateTimeOffset.UtcNow);
        });

        var result = await Task.Run(() => system.Run("start", "job", "--root", root.Path));
        await restarter;

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("'job' is done (exited with code 0 at", result.Output, StringComparison.Ordinal);
        Assert.Contains($"'job' is running: pid {Environment.ProcessId}", result.Output, StringComparison.Ordinal);
        Assert.Contains("operator: start requested by", File.ReadAllText(root.Layout.Problem("job")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_writes_a_reset_request_and_returns_once_the_program_runs_again()
    {
        var system = new CliHarness(TimeProvider.System);
        root.State("api", ProgramPhase.GivenUp, nextLaunchAt: DateTimeOffset.UtcNow.AddMinutes(10));
        root.Daemons(DateTimeOffset.UtcNow);
        string? request = null;
        var restarter = Task.Run(async () =>
        {
            await Poll.UntilAsync(() => File.Exists(root.Layout.Problem("api")), "problems/api written");
            request = File.ReadAllText(root.Layout.Problem("api"));
            root.Running("api", DateTimeOffset.UtcNow);
            File.Delete(root.Layout.Problem("api"));
        });

        var result = await Task.Run(() => system.Run("reset", "api", "--root", root.Path));
        await restarter;

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("it was given up (next launch in", result.Output, StringComparison.Ordinal);
        Assert.Contains($"'api' is reset and running: pid {Environment.ProcessId}", result.Output, StringComparison.Ordinal);
        Assert.Contains(" reset: requested by ", request, StringComparison.Ordinal);
        Assert.True(Detectors.HasReset(new ProblemRecord("api", DateTimeOffset.UtcNow, request!)));
    }

    [Fact]
    public async Task Reset_says_so_when_the_launch_it_caused_failed_again()
    {
        var system = new CliHarness(TimeProvider.System);
        root.State("api", ProgramPhase.GivenUp, nextLaunchAt: DateTimeOffset.UtcNow.AddMinutes(10));
        root.Daemons(DateTimeOffset.UtcNow);
        var restarter = Task.Run(async () =>
        {
            await Poll.UntilAsync(() => File.Exists(root.Layout.Problem("api")), "problems/api written");
            root.State("api", ProgramPhase.GivenUp, nextLaunchAt: DateTimeOffset.UtcNow.AddMinutes(10), lastResolution: "gave up again");
            File.Delete(root.Layout.Problem("api"));
        });

        var result = await Task.Run(() => system.Run("reset", "api", "--root", root.Path));
        await restarter;

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'api' was reset (gave up again) but is now given up (next launch in", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Reset_of_a_stopped_program_names_start_and_writes_nothing()
    {
        root.State("api", ProgramPhase.Stopped);
        root.Down("api");
        root.Daemons(cli.Now);

        var result = cli.Run("reset", "api", "--root", root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("`watchdog start api`", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(root.Layout.Problem("api")));
    }
}
