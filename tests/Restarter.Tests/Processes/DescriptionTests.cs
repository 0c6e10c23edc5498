using Watchdog.Common.Processes;
using Watchdog.Restarter.Processes;

namespace Restarter.Tests.Processes;

public sealed class DescriptionTests
{
    [Fact]
    public void Wait_status_becomes_an_exit_code_or_a_signal()
    {
        Assert.Equal(new ChildExit(7, 1, null), ChildExit.FromWaitStatus(7, 1 << 8));
        Assert.Equal(new ChildExit(7, null, 9), ChildExit.FromWaitStatus(7, 9));
        Assert.Equal(new ChildExit(7, null, 6), ChildExit.FromWaitStatus(7, 6 | 0x80));
        Assert.Equal("killed by signal 6 (SIGABRT)", ChildExit.FromWaitStatus(7, 6 | 0x80).Describe());
    }

    [Fact]
    public void Kill_report_names_who_needed_SIGKILL_and_who_could_not_be_signalled()
    {
        var report = new KillReport("SIGTERM", TimeSpan.FromSeconds(10), [30, 10, 20], [20], [99], [], TimeSpan.FromMilliseconds(10012));

        Assert.Equal(
            "sent SIGTERM+SIGCONT to 3 processes (10, 20, 30); SIGKILL after the 10s grace to 20; could not signal 99 (EPERM: not permitted); all gone after 10.012s",
            report.Describe());
        Assert.False(report.Complete);
    }

    [Fact]
    public void Kill_report_names_survivors()
    {
        var report = new KillReport("SIGINT", TimeSpan.Zero, [5], [5], [], [5], TimeSpan.FromSeconds(10.5));

        Assert.EndsWith("still running after 10.5s: 5", report.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Hook_result_says_what_happened()
    {
        Assert.Equal("exited with code 0 after 0.2s", HookOutcome.Ended(0, null, TimeSpan.FromMilliseconds(200)).Describe());
        Assert.Equal("killed after the 30s timeout", new HookOutcome(HookEnd.TimedOut, TimeSpan.FromSeconds(30)).Describe());
        Assert.Equal("could not start: no such file", HookOutcome.NotStarted("no such file", TimeSpan.Zero).Describe());
    }

    [Fact]
    public void Launch_environment_drops_the_systemd_variables_and_overlays_in_order()
    {
        var inherited = new Dictionary<string, string>
        {
            ["PATH"] = "/bin", ["NOTIFY_SOCKET"] = "/run/n", ["WATCHDOG_USEC"] = "1", ["WATCHDOG_PID"] = "1",
            ["LISTEN_FDS"] = "1", ["LISTEN_FDNAMES"] = "a", ["MODE"] = "inherited",
        };

        var environment = LaunchEnvironment.Build(inherited, [new("MODE", "configured"), new("A", "1")], [new("TAG", "t"), new("MODE", "extra")]);

        Assert.Equal(["PATH=/bin", "MODE=extra", "A=1", "TAG=t"], environment);
    }
}
