using System.Globalization;
using Watchdog.Common.Protocol;
using Watchdog.Tests.Metrics;

namespace Watchdog.Tests.Integration;

// The real daemon against a temp root: every process started here is killed in Dispose.
public sealed class DaemonTests : IDisposable
{
    private readonly DaemonRoot root = new();

    [Fact]
    public async Task Heart_that_stops_beating_gets_a_problem_file()
    {
        var watchdog = root.Start("watchdog: { max_interval: 200ms }");
        await Poll.UntilAsync(() => Directory.Exists(root.Layout.Hearts), "hearts/ created");
        File.WriteAllText(root.Layout.Heart("api"), "0.5");

        await Poll.UntilAsync(() => File.Exists(root.Layout.Problem("api")), "problems/api");

        Assert.Matches(@"Z watchdog: heart 'api' silent for \d+\.\ds \(timeout 500ms\)\n$", File.ReadAllText(root.Layout.Problem("api")));
        Assert.False(watchdog.HasExited);
    }

    [Fact]
    public async Task Notify_socket_gets_ready_then_repeated_watchdog_pings_and_a_status()
    {
        var notify = root.Own(new NotifySocket(root.Temp.Combine("notify.sock")));
        Directory.CreateDirectory(root.Layout.Hearts);
        File.WriteAllText(root.Layout.Heart("api"), "3600");
        root.Start("watchdog: { max_interval: 5s }", notify.Path, watchdogUsec: 400_000);

        await Poll.UntilAsync(() => notify.Count("WATCHDOG=1") >= 4, "four WATCHDOG=1 pings");

        var ready = notify.IndexOf("READY=1");
        Assert.True(ready >= 0, "READY=1 was sent");
        Assert.True(notify.Messages.ToList().LastIndexOf("WATCHDOG=1") > ready, "pings follow READY=1");
        Assert.Contains("STATUS=2 hearts, 0 problems", notify.Messages);
    }

    [Fact]
    public async Task Hanging_escalation_is_killed_while_the_loop_keeps_notifying()
    {
        var notify = root.Own(new NotifySocket(root.Temp.Combine("notify.sock")));
        var pidFile = root.Temp.Combine("escalation.pid");
        Directory.CreateDirectory(root.Layout.Problems);
        ProblemFile.TryCreate(root.Layout, "restarter", DateTimeOffset.UtcNow.AddMinutes(-5), "watchdog", "heart 'restarter' silent");
        root.Start(
            $"watchdog: {{ max_interval: 200ms, escalate_after: 30s, escalate_timeout: 1500ms, escalate: [/bin/sh, -c, 'echo $$ > {pidFile}; exec sleep 1000'] }}",
            notify.Path,
            watchdogUsec: 400_000);

        await Poll.UntilAsync(() => File.Exists(pidFile) && File.ReadAllText(pidFile).EndsWith('\n'), "the escalation to start");
        var pingsAtStart = notify.Count("WATCHDOG=1");
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
        await Poll.UntilAsync(() => File.ReadAllText(root.Layout.Problem("restarter")).Contains("killed after the 1.5s timeout", StringComparison.Ordinal), "the outcome in the problem file");

        Assert.False(Directory.Exists($"/proc/{pid}"), "the hanging escalation is gone");
        Assert.True(notify.Count("WATCHDOG=1") >= pingsAtStart + 2, "the loop kept pinging while the escalation hung");
    }

    [Fact]
    public async Task On_problem_hook_gets_the_problem_name_and_file()
    {
        var hookOutput = root.Temp.Combine("hook.out");
        root.Start($"watchdog: {{ max_interval: 200ms, on_problem: [/bin/sh, -c, 'echo \"$WATCHDOG_PROBLEM $WATCHDOG_PROBLEM_FILE\" > {hookOutput}.tmp; mv {hookOutput}.tmp {hookOutput}'] }}");
        await Poll.UntilAsync(() => Directory.Exists(root.Layout.Hearts), "hearts/ created");
        File.WriteAllText(root.Layout.Heart("api"), "0.2");

        await Poll.UntilAsync(() => File.Exists(hookOutput), "the on_problem hook to run");

        Assert.Equal($"api {root.Layout.Problem("api")}\n", File.ReadAllText(hookOutput));
    }

    [Fact]
    public async Task Sigterm_sends_stopping_exits_0_and_removes_the_own_heart()
    {
        var notify = root.Own(new NotifySocket(root.Temp.Combine("notify.sock")));
        var watchdog = root.Start("watchdog: { max_interval: 200ms }", notify.Path);
        await Poll.UntilAsync(() => notify.Count("READY=1") == 1 && File.Exists(root.Layout.Heart("watchdog")), "READY=1 and the own heart");
        Assert.Equal("10\n", File.ReadAllText(root.Layout.Heart("watchdog")));

        watchdog.Terminate();

        Assert.Equal(0, await watchdog.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("STOPPING=1", notify.Messages);
        Assert.False(File.Exists(root.Layout.Heart("watchdog")));
    }

    [Fact]
    public async Task Metrics_file_is_written_and_parses()
    {
        var metrics = root.Temp.Combine("watchdog.prom");
        root.Start($"watchdog: {{ max_interval: 200ms, metrics_file: {metrics} }}");
        await Poll.UntilAsync(() => Directory.Exists(root.Layout.Hearts), "hearts/ created");
        File.WriteAllText(root.Layout.Heart("api"), "0.2");
        await Poll.UntilAsync(() => File.Exists(root.Layout.Problem("api")), "problems/api");

        await Poll.UntilAsync(
            () => File.Exists(metrics) && PrometheusText.Parse(File.ReadAllText(metrics)) is var f && f.TryGetValue("watchdog_problems_opened_total", out var opened) && opened.Samples[0].Value == 1,
            "the metrics file to count the problem");

        var families = PrometheusText.Parse(File.ReadAllText(metrics));
        Assert.Equal(1, MetricsRendererTests.Value(families, "watchdog_heart_stale", "heart", "api"));
    }

    [Fact]
    public async Task Bad_config_exits_78_with_every_error_and_starts_nothing()
    {
        var config = root.Temp.Combine("bad.yaml");
        File.WriteAllText(config, $"root: {root.Layout.Root}\nwatchdog:\n  max_interval: -1s\n  escalate: /bin/true\n  colour: blue\n");
        var watchdog = root.Own(DaemonProcess.Run("watchdog", config));

        Assert.Equal(78, await watchdog.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Contains("bad.yaml:3:17", watchdog.Output, StringComparison.Ordinal);
        Assert.Contains("bad.yaml:4:13", watchdog.Output, StringComparison.Ordinal);
        Assert.Contains("bad.yaml:5:3", watchdog.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(root.Layout.Root));
    }

    [Fact]
    public async Task Missing_escalation_command_is_a_config_error()
    {
        var config = root.Temp.Combine("w.yaml");
        File.WriteAllText(config, $"root: {root.Layout.Root}\nwatchdog:\n  escalate: [/nonexistent/restart-it]\n");
        var watchdog = root.Own(DaemonProcess.Run("watchdog", config));

        Assert.Equal(78, await watchdog.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("w.yaml:3:14", watchdog.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_restarter_program_command_does_not_stop_the_watchdog()
    {
        root.Start("restarter:\n  programs:\n    - { name: api, command: [/nonexistent/api] }\nwatchdog: { max_interval: 200ms }");

        await Poll.UntilAsync(() => File.Exists(root.Layout.Heart("watchdog")), "the watchdog to run and beat its own heart");
    }

    public void Dispose() => root.Dispose();


}
