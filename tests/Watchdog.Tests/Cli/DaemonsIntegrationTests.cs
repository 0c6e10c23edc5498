using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Watchdog.Common.Processes;
using Watchdog.Common.Protocol;
using Watchdog.Common.State;

namespace Watchdog.Tests.Cli;

// The operator verbs against both real daemons (`watchdog run`, `restarter run`) on a temp root. The program
// carries a tag variable of the test's own, so Dispose can kill whatever is left of it; the daemons are
// killed by PID.
public sealed class DaemonsIntegrationTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly string tagVariable = "WDT_" + Guid.NewGuid().ToString("N");
    private readonly List<DaemonProcess> daemons = [];
    private readonly RootLayout layout;
    private readonly string config;
    private readonly CliHarness cli = new(TimeProvider.System);

    public DaemonsIntegrationTests()
    {
        layout = new RootLayout(temp.Combine("root"));
        config = temp.Combine("watchdog.yaml");
        File.WriteAllText(config, $$"""
            root: {{layout.Root}}
            log: { level: debug }
            watchdog: { max_interval: 200ms }
            restarter:
              tag_variable: {{tagVariable}}
              programs:
                - name: app
                  command: [/bin/sh, -c, 'while :; do touch "$WATCHDOG_HEARTS/app"; sleep 0.2; done']
                  hearts: { app: 5s }
                  startup_grace: 1s
                  stop: { signal: SIGTERM, grace: 2s }
            """);
    }

    private static string WatchdogBinary => Path.Combine(AppContext.BaseDirectory, "watchdog");

    // Built beside this project (Watchdog.Tests references it for the build order, not the assembly).
    private static string RestarterBinary =>
        AppContext.BaseDirectory.Replace("/tests/Watchdog.Tests/bin/", "/src/Restarter/bin/", StringComparison.Ordinal) + "restarter";

    [Fact]
    public async Task Problems_and_check_read_what_the_real_detector_writes()
    {
        Start(WatchdogBinary);
        await UntilAsync(() => Directory.Exists(layout.Hearts), "hearts/ created by the watchdog");

        Assert.Equal(0, cli.Run("beat", "job", "--timeout", "0.5", "--config", config).ExitCode);
        await UntilAsync(() => File.Exists(layout.Problem("job")), "the watchdog to mark the silent heart");

        var problems = cli.Run("problems", "--json", "--config", config);
        using var json = JsonDocument.Parse(problems.Output);
        var problem = Assert.Single(json.RootElement.GetProperty("problems").EnumerateArray());
        Assert.Equal("watchdog", problem.GetProperty("lines")[0].GetProperty("detector").GetString());
        Assert.True(problem.GetProperty("time_to_detect_seconds").GetDouble() >= 0.5, problems.Output);
        var check = cli.Run("check", "job", "--config", config);
        Assert.Equal(1, check.ExitCode);
        Assert.StartsWith("STALE: heart 'job' silent for", check.Output, StringComparison.Ordinal);
        var status = cli.Run("status", "--config", config);
        Assert.Equal(1, status.ExitCode);
        Assert.Matches(@"job\s+\S+\s+watchdog: heart 'job' silent for", status.Output);
    }

    [Fact]
    public async Task Mark_leads_to_a_real_restart_with_both_daemons()
    {
        StartBoth();
        await HealthyAsync();
        var first = State()!;

        var mark = cli.Run("mark", "app", "--reason", "integration test", "--config", config);

        Assert.Equal(0, mark.ExitCode);
        await UntilAsync(() => State() is { Phase: ProgramPhase.Running } s && s.Pid != first.Pid && ProcFs.IsSameProcess(s.Pid, s.PidStartTime), "app relaunched with a new pid");
        await UntilAsync(() => !File.Exists(layout.Problem("app")) && Directory.EnumerateFiles(layout.History, "*-app").Any(), "the operator's problem solved into history");
        var history = cli.Run("history", "--name", "app", "--json", "--config", config);
        using var json = JsonDocument.Parse(history.Output);
        var entry = Assert.Single(json.RootElement.GetProperty("problems").EnumerateArray());
        Assert.Equal("operator", entry.GetProperty("lines")[0].GetProperty("detector").GetString());
        Assert.Equal("integration test", entry.GetProperty("lines")[0].GetProperty("text").GetString());
        Assert.Equal("restarter", entry.GetProperty("lines").EnumerateArray().Last().GetProperty("detector").GetString());
        Assert.Equal(JsonValueKind.Number, entry.GetProperty("time_to_solve_seconds").ValueKind);
        await HealthyAsync();
        Assert.False(ProcFs.IsSameProcess(first.Pid, first.PidStartTime), "the first instance is gone");
    }

    [Fact]
    public async Task Stop_and_start_return_once_the_real_restarter_has_acted()
    {
        StartBoth();
        await HealthyAsync();
        var first = State()!;

        var stop = await Task.Run(() => cli.Run("stop", "app", "--config", config));

        Assert.Equal(0, stop.ExitCode);
        Assert.Equal(ProgramPhase.Stopped, State()!.Phase);
        Assert.False(ProcFs.IsSameProcess(first.Pid, first.PidStartTime), "the stopped instance is gone");
        var status = cli.Run("status", "--config", config);
        Assert.Matches(@"app\s+stopped", status.Output);

        var start = await Task.Run(() => cli.Run("start", "app", "--config", config));

        Assert.Equal(0, start.ExitCode);
        var second = State()!;
        Assert.Equal(ProgramPhase.Running, second.Phase);
        Assert.True(ProcFs.IsSameProcess(second.Pid, second.PidStartTime), "the started instance runs");
        await HealthyAsync();
    }

    public void Dispose()
    {
        foreach (var daemon in daemons)
        {
            daemon.Dispose();
        }

        SweepTagged();
        temp.Dispose();
    }

    private ProgramState? State()
    {
        try
        {
            return new StateStore(layout).Read("app");
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return null;
        }
    }

    private Task HealthyAsync() =>
        UntilAsync(() => cli.Run("status", "--config", config).ExitCode == 0, "`watchdog status` to report healthy");

    private async Task UntilAsync(Func<bool> condition, string what)
    {
        try
        {
            await Poll.UntilAsync(condition, what);
        }
        catch (TimeoutException e)
        {
            var status = cli.Run("status", "--config", config);
            var daemonLog = string.Concat(daemons.Select(d => d.Output));
            throw new TimeoutException($"{e.Message}\n{status.Output}{status.Error}\n{daemonLog}", e);
        }
    }

    private void StartBoth()
    {
        Start(WatchdogBinary);
        Start(RestarterBinary);
    }

    private void Start(string executable) => daemons.Add(DaemonProcess.Run(executable, config));

    // Kills every process still carrying this test's tag variable (the program and its children) until none is
    // left: a shell killed after its child may have started another.
    private void SweepTagged()
    {
        var marker = Encoding.ASCII.GetBytes(tagVariable + "=");
        for (var round = 0; round < 50 && Tagged(marker) is { Count: > 0 } left; round++)
        {
            foreach (var pid in left)
            {
                try
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill();
                    process.WaitForExit(TimeSpan.FromSeconds(5));
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException)
                {
                    // Gone meanwhile.
                }
            }
        }
    }

    private static List<int> Tagged(byte[] marker)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                try
                {
                    if (File.ReadAllBytes(Path.Combine(dir, "environ")).AsSpan().IndexOf(marker) >= 0)
                    {
                        found.Add(pid);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Gone meanwhile, or not ours to read.
                }
            }
        }

        return found;
    }
}
