using Microsoft.Extensions.Time.Testing;
using Watchdog.Common.State;

namespace Watchdog.Tests.Cli;

// `stop` and `start` against a simulated restarter: a task that waits for down/NAME to appear or go and then
// writes the state file as the restarter does.
public sealed class StopStartCommandTests : IDisposable
{
    private readonly TestRoot root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public async Task Stop_creates_the_down_file_and_returns_once_the_restarter_recorded_it_stopped()
    {
        var cli = new CliHarness(TimeProvider.System);
        cli.Variables["SUDO_USER"] = "alice";
        root.Running("api", DateTimeOffset.UtcNow.AddMinutes(-5));
        var restarter = Task.Run(async () =>
        {
            await Poll.UntilAsync(() => File.Exists(root.Layout.DownFile("api")), "down/api");
            root.State("api", ProgramPhase.Stopped);
        });

        var result = await Task.Run(() => cli.Run("stop", "api", "--root", root.Path));
        await restarter;

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("stopped by alice at ", File.ReadAllText(root.Layout.DownFile("api")), StringComparison.Ordinal);
        Assert.Contains("'api' is stopped and stays stopped until `watchdog start api`", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_waits_while_the_recorded_process_is_still_alive()
    {
        var cli = new CliHarness();
        var (pid, start) = TestRoot.Self;
        root.State("api", ProgramPhase.Stopped, pid, start);

        var run = Task.Run(() => cli.Run("stop", "api", "--root", root.Path, "--timeout", "5s"));
        var result = await AdvanceUntilDone(cli.FakeTime, run);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the restarter did not stop 'api' within 5s — is it running? see `watchdog status`", result.Error, StringComparison.Ordinal);
        Assert.Contains($"pid {pid} alive", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_times_out_with_a_clear_message_when_no_restarter_acts()
    {
        var cli = new CliHarness();
        root.Running("api", cli.Now.AddMinutes(-5));

        var run = Task.Run(() => cli.Run("stop", "api", "--root", root.Path));
        var result = await AdvanceUntilDone(cli.FakeTime, run);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the restarter did not stop 'api' within 30s — is it running? see `watchdog status`", result.Error, StringComparison.Ordinal);
        Assert.Contains("down/api exists", result.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(root.Layout.DownFile("api")));
        Assert.True(cli.Now - CliHarness.Start >= TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Start_removes_the_down_file_and_returns_once_a_new_instance_runs()
    {
        var cli = new CliHarness(TimeProvider.System);
        root.State("api", ProgramPhase.Stopped);
        root.Down("api");
        root.Daemons(DateTimeOffset.UtcNow);
        var restarter = Task.Run(async () =>
        {
            await Poll.UntilAsync(() => !File.Exists(root.Layout.DownFile("api")), "down/api removed");
            root.Running("api", DateTimeOffset.UtcNow);
        });

        var result = await Task.Run(() => cli.Run("start", "api", "--root", root.Path));
        await restarter;

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"'api' is running: pid {Environment.ProcessId}", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_does_not_take_the_instance_from_before_the_request_for_a_new_one()
    {
        var cli = new CliHarness();
        root.Running("api", cli.Now.AddMinutes(-1));
        root.Down("api");
        root.Daemons(cli.Now);

        var run = Task.Run(() => cli.Run("start", "api", "--root", root.Path, "--timeout", "3s"));
        var result = await AdvanceUntilDone(cli.FakeTime, run);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the restarter did not start 'api' within 3s", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(root.Layout.DownFile("api")));
    }

    [Fact]
    public void Start_of_a_program_that_runs_already_returns_at_once()
    {
        var cli = new CliHarness();
        root.Running("api", cli.Now.AddMinutes(-1));
        root.Daemons(cli.Now);

        var result = cli.Run("start", "api", "--root", root.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("was not stopped by an operator", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Stop_of_a_program_the_config_does_not_name_touches_nothing()
    {
        var cli = new CliHarness();
        var config = root.Config("restarter:\n  programs:\n    - name: api\n      command: [/bin/true]\n");

        var result = cli.Run("stop", "apu", "--config", config);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no program 'apu' in", result.Error, StringComparison.Ordinal);
        Assert.Contains("(programs: api)", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(root.Layout.DownFile("apu")));
    }

    [Theory]
    [InlineData("stop")]
    [InlineData("start")]
    public void Invalid_name_or_timeout_is_a_usage_error(string verb)
    {
        var cli = new CliHarness();

        Assert.Equal(2, cli.Run(verb, "../api", "--root", root.Path).ExitCode);
        Assert.Equal(2, cli.Run(verb, "api", "--timeout", "0", "--root", root.Path).ExitCode);
        Assert.Empty(Directory.EnumerateFileSystemEntries(root.Layout.Down));
    }

    [Fact]
    public void Stop_under_a_missing_root_says_so()
    {
        var result = new CliHarness().Run("stop", "api", "--root", root.Sibling("gone"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no such directory", result.Error, StringComparison.Ordinal);
    }

    // Moves fake time on until the verb gives up waiting; real time bounds the test.
    private static async Task<CliResult> AdvanceUntilDone(FakeTimeProvider time, Task<CliResult> run)
    {
        await Poll.UntilAsync(
            () =>
            {
                time.Advance(TimeSpan.FromSeconds(1));
                return run.IsCompleted;
            },
            "the verb to time out");
        return await run;
    }
}
