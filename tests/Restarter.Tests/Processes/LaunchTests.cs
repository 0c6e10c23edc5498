using System.Runtime.InteropServices;
using Watchdog.Common.Processes;
using Watchdog.Restarter.Processes;

namespace Restarter.Tests.Processes;

[Collection("processes")]
public sealed partial class LaunchTests : IDisposable
{
    private readonly HostHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public async Task Launched_program_leads_a_new_session_with_default_signals_and_only_fds_0_to_2()
    {
        // A descriptor without O_CLOEXEC in this process: only closefrom keeps it from the child.
        var leaked = dup(1);
        try
        {
            var (process, _) = harness.Launch(HostHarness.Program("sleeper", ["/bin/sleep", "1000"], directory: harness.Temp.Path));
            await HostHarness.ExecutedAsync(process.Pid);

            Assert.True(ProcFs.TryReadStat(process.Pid, out var stat));
            Assert.Equal(process.Pid, stat.Session);
            Assert.Equal(process.Pid, stat.ProcessGroup);
            Assert.Equal(stat.StartTime, process.StartTime);

            // This test process ignores SIGPIPE (the .NET runtime does): the child must not inherit it.
            Assert.Equal("0000000000000000", HostHarness.Status(process.Pid, "SigIgn"));
            Assert.Equal("0000000000000000", HostHarness.Status(process.Pid, "SigBlk"));

            // Right after the exec the dynamic loader briefly holds a library open as fd 3; a descriptor leaked
            // by the launch would stay, so wait (with a deadline) for exactly 0-2.
            await Poll.UntilAsync(
                () => Directory.GetFileSystemEntries($"/proc/{process.Pid}/fd").Select(Path.GetFileName).Order().SequenceEqual(["0", "1", "2"]),
                "only fds 0-2 open in the child",
                TimeSpan.FromSeconds(10));
            Assert.Equal("/dev/null", new FileInfo($"/proc/{process.Pid}/fd/0").LinkTarget);
            Assert.Equal(harness.Host.OutputPath("sleeper"), new FileInfo($"/proc/{process.Pid}/fd/1").LinkTarget);
            Assert.Equal(harness.Temp.Path, new DirectoryInfo($"/proc/{process.Pid}/cwd").LinkTarget);
        }
        finally
        {
            _ = close(leaked);
        }
    }

    [Fact]
    public async Task Environment_has_the_tag_and_the_configured_variables_but_not_the_systemd_ones()
    {
        Environment.SetEnvironmentVariable("NOTIFY_SOCKET", "/run/test/notify");
        Environment.SetEnvironmentVariable("LISTEN_FDS", "3");
        try
        {
            var program = HostHarness.Program("env", ["/bin/sleep", "1000"], environment: [new("GREETING", "hello")]);
            var (process, tag) = harness.Launch(program);
            await HostHarness.ExecutedAsync(process.Pid);

            var environ = HostHarness.Environ(process.Pid).Split('\0');
            Assert.Contains($"{harness.TagVariable}={tag}", environ);
            Assert.Contains("GREETING=hello", environ);
            Assert.Contains(environ, e => e.StartsWith("PATH=", StringComparison.Ordinal));
            Assert.DoesNotContain(environ, e => e.StartsWith("NOTIFY_SOCKET=", StringComparison.Ordinal));
            Assert.DoesNotContain(environ, e => e.StartsWith("LISTEN_FDS=", StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable("NOTIFY_SOCKET", null);
            Environment.SetEnvironmentVariable("LISTEN_FDS", null);
        }
    }

    [Fact]
    public void Program_that_cannot_start_throws_a_launch_exception_that_says_why()
    {
        var program = HostHarness.Program("lost", ["/bin/sleep", "1000"], directory: harness.Temp.Combine("missing"));

        var error = Assert.Throws<LaunchException>(() => harness.Host.Launch(program, [], cgroup: null));

        Assert.Contains("'lost'", error.Message, StringComparison.Ordinal);
        Assert.Contains("No such file or directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IsSameProcess_is_false_for_another_start_time_and_after_the_exit()
    {
        var (process, tag) = harness.Launch(HostHarness.Program("same", ["/bin/sleep", "1000"]));

        Assert.True(harness.Host.IsSameProcess(process.Pid, process.StartTime));
        Assert.False(harness.Host.IsSameProcess(process.Pid, process.StartTime + 1));

        HostHarness.Signal(process.Pid, SignalNames.SIGKILL);
        await Poll.UntilAsync(() => !harness.Host.IsSameProcess(process.Pid, process.StartTime), "the killed process to be gone");
        Assert.DoesNotContain(harness.Host.FindTagged(harness.TagVariable), t => t.Tag == tag);
    }

    [LibraryImport("libc", EntryPoint = "dup")]
    private static partial int dup(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int close(int fd);
}
