using System.Globalization;
using Watchdog.Common.Processes;

namespace Restarter.Tests.Processes;

[Collection("processes")]
public sealed class KillTreeTests : IDisposable
{
    private readonly HostHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public async Task Grandchild_that_called_setsid_is_found_and_killed()
    {
        var (main, tag) = harness.Launch(HostHarness.TestAppProgram("escaper", "spawn-grandchild"));
        await harness.LineAsync("escaper", l => l.StartsWith("spawned grandchild", StringComparison.Ordinal));
        var grandchild = Pid(await harness.LineAsync("escaper", l => l.StartsWith("sleeping", StringComparison.Ordinal)));
        harness.Track(grandchild);

        Assert.True(ProcFs.TryReadStat(grandchild, out var stat));
        Assert.Equal(grandchild, stat.Session);
        Assert.Equal([main.Pid, grandchild], harness.Host.FindTagged(harness.TagVariable).Where(t => t.Tag == tag).Select(t => t.Pid).Order());

        var report = await harness.Host.KillTreeAsync(harness.TagVariable, tag, main, HostHarness.Stop(TimeSpan.FromSeconds(10)), CancellationToken.None);

        Assert.True(report.Complete, report.Describe());
        Assert.Equal([main.Pid, grandchild], report.Signalled.Order());
        Assert.Empty(report.Killed);
        Assert.True(HostHarness.IsGone(grandchild));
        Assert.Empty(harness.Host.FindTagged(harness.TagVariable));
    }

    [Fact]
    public async Task Same_group_child_without_the_tag_is_killed_through_the_session()
    {
        var (main, tag) = harness.Launch(HostHarness.TestAppProgram("parent", "spawn-child-same-pgrp", "--drop", harness.TagVariable));
        var child = int.Parse(
            (await harness.LineAsync("parent", l => l.StartsWith("spawned child", StringComparison.Ordinal))).Split(' ')[2],
            CultureInfo.InvariantCulture);
        harness.Track(child);
        await HostHarness.ExecutedAsync(child);
        Assert.DoesNotContain(harness.TagVariable, HostHarness.Environ(child), StringComparison.Ordinal);

        var report = await harness.Host.KillTreeAsync(harness.TagVariable, tag, main, HostHarness.Stop(TimeSpan.FromSeconds(10)), CancellationToken.None);

        Assert.True(report.Complete, report.Describe());
        Assert.Contains(child, report.Signalled);
        Assert.True(HostHarness.IsGone(child));
    }

    [Fact]
    public async Task Program_that_ignores_SIGTERM_is_SIGKILLed_after_the_grace()
    {
        var (main, tag) = harness.Launch(HostHarness.TestAppProgram("stubborn", "ignore-sigterm"));
        await harness.LineAsync("stubborn", l => l.StartsWith("ignoring SIGTERM", StringComparison.Ordinal));

        var report = await harness.Host.KillTreeAsync(harness.TagVariable, tag, main, HostHarness.Stop(TimeSpan.FromMilliseconds(300)), CancellationToken.None);

        Assert.Equal([main.Pid], report.Signalled);
        Assert.Equal([main.Pid], report.Killed);
        Assert.True(report.Complete, report.Describe());
        Assert.Contains("SIGKILL after the 0.3s grace", report.Describe(), StringComparison.Ordinal);
        Assert.True(HostHarness.IsGone(main.Pid));
    }

    [Fact]
    public async Task Stopped_process_dies_of_SIGTERM_because_SIGCONT_follows()
    {
        var (main, tag) = harness.Launch(HostHarness.Program("stopped", ["/bin/sleep", "1000"]));
        HostHarness.Signal(main.Pid, SignalNames.SIGSTOP);
        await Poll.UntilAsync(() => ProcFs.TryReadStat(main.Pid, out var s) && s.State == 'T', "the process to be stopped");

        var report = await harness.Host.KillTreeAsync(harness.TagVariable, tag, main, HostHarness.Stop(TimeSpan.FromSeconds(20)), CancellationToken.None);

        Assert.Equal([main.Pid], report.Signalled);
        Assert.Empty(report.Killed);
        Assert.True(HostHarness.IsGone(main.Pid));
    }

    [Fact]
    public async Task Process_that_reused_the_main_pid_is_not_signalled()
    {
        var (other, _) = harness.Launch(HostHarness.Program("bystander", ["/bin/sleep", "1000"]));
        var stale = other with { StartTime = other.StartTime - 1 };

        var report = await harness.Host.KillTreeAsync(harness.TagVariable, Guid.NewGuid().ToString(), stale, HostHarness.Stop(TimeSpan.FromSeconds(1)), CancellationToken.None);

        Assert.Equal("nothing was running", report.Describe());
        Assert.True(harness.Host.IsSameProcess(other.Pid, other.StartTime));
    }

    [Fact]
    public async Task Tree_that_is_already_gone_is_reported_as_nothing_running()
    {
        var (main, tag) = harness.Launch(HostHarness.Program("quick", ["/bin/true"]));
        await Poll.UntilAsync(() => HostHarness.IsGone(main.Pid), "the program to exit");

        var report = await harness.Host.KillTreeAsync(harness.TagVariable, tag, main, HostHarness.Stop(TimeSpan.FromSeconds(1)), CancellationToken.None);

        Assert.Equal("nothing was running", report.Describe());
    }

    [Fact]
    public async Task Setsid_grandchild_that_pushed_its_tag_past_1_MiB_of_environment_is_found_and_killed()
    {
        // Twelve variables of 100,000 bytes (one argument may hold at most 128 KiB) put the tag, appended last by
        // env(1), 1.2 MB into the grandchild's environment, in a session of its own.
        var big = string.Concat(Enumerable.Range(1, 12).Select(i => $"B{i}=$big "));
        var script = $"big=$(head -c 100000 /dev/zero | tr '\\0' x); setsid -f env -u {harness.TagVariable} {big}{harness.TagVariable}=${harness.TagVariable} /bin/sleep 1001; exec /bin/sleep 1000";
        var (main, tag) = harness.Launch(HostHarness.Program("hider", ["/bin/bash", "-c", script]));
        // Until env(1) has exec'ed sleep, the grandchild still has the tag where bash had it.
        var hider = await Poll.ForAsync(
            () => harness.Host.FindTagged(harness.TagVariable).FirstOrDefault(t => t.Tag == tag && t.Pid != main.Pid && TagOffset(t.Pid) > 1 << 20),
            "the grandchild with its tag past 1 MiB");
        harness.Track(hider.Pid);
        Assert.True(ProcFs.TryReadStat(hider.Pid, out var stat) && stat.Session == hider.Pid);

        var report = await harness.Host.KillTreeAsync(harness.TagVariable, tag, main, HostHarness.Stop(TimeSpan.FromSeconds(10)), CancellationToken.None);

        Assert.True(report.Complete, report.Describe());
        Assert.Contains(hider.Pid, report.Signalled);
        Assert.True(HostHarness.IsGone(hider.Pid));
        Assert.Empty(harness.Host.FindTagged(harness.TagVariable));
    }

    private int TagOffset(int pid)
    {
        try
        {
            return HostHarness.Environ(pid).IndexOf(harness.TagVariable + "=", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return -1;
        }
    }

    private static int Pid(string line) => int.Parse(line.Split(' ')[^1], CultureInfo.InvariantCulture);
}
