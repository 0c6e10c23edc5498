using System.Globalization;
using Watchdog.Restarter.Processes;

namespace Restarter.Tests.Processes;

[Collection("processes")]
public sealed class ReaperTests : IDisposable
{
    private readonly HostHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public async Task Exit_code_of_a_child_is_reported()
    {
        var (process, _) = harness.Launch(HostHarness.TestAppProgram("exiter", "exit", "3"));

        var exit = await ExitOfAsync(process.Pid);

        Assert.Equal(new ChildExit(process.Pid, 3, null), exit);
        Assert.Equal("exited with code 3", exit.Describe());
    }

    [Fact]
    public async Task Child_killed_by_a_signal_is_reported_with_the_signal()
    {
        var (process, _) = harness.Launch(HostHarness.Program("victim", ["/bin/sh", "-c", "kill -9 $$"]));

        var exit = await ExitOfAsync(process.Pid);

        Assert.Equal(9, exit.Signal);
        Assert.Equal("killed by signal 9 (SIGKILL)", exit.Describe());
    }

    [Fact]
    public async Task Crashing_child_is_reported_as_killed_by_a_signal()
    {
        var (process, _) = harness.Launch(HostHarness.TestAppProgram("crasher", "crash"));

        var exit = await ExitOfAsync(process.Pid);

        Assert.Null(exit.ExitCode);
        Assert.NotNull(exit.Signal);
    }

    [Fact]
    public async Task Exit_of_a_re_parented_escapee_is_reaped_and_leaves_no_zombie()
    {
        var (main, tag) = harness.Launch(HostHarness.TestAppProgram("escaper", "spawn-grandchild"));
        var grandchild = int.Parse((await harness.LineAsync("escaper", l => l.StartsWith("sleeping", StringComparison.Ordinal))).Split(' ')[^1], CultureInfo.InvariantCulture);
        harness.Track(grandchild);
        await Poll.UntilAsync(() => File.ReadAllText($"/proc/{grandchild}/stat").Contains($" {Environment.ProcessId} ", StringComparison.Ordinal), "the grandchild to be re-parented to this process");

        await harness.Host.KillTreeAsync(harness.TagVariable, tag, main, HostHarness.Stop(TimeSpan.FromSeconds(10)), CancellationToken.None);

        var exit = await ExitOfAsync(grandchild);
        Assert.Equal(15, exit.Signal);
        Assert.False(Directory.Exists($"/proc/{grandchild}"), "no zombie is left");
    }

    private async Task<ChildExit> ExitOfAsync(int pid)
    {
        using var deadline = new CancellationTokenSource(Poll.DefaultDeadline);
        await foreach (var exit in harness.Host.Exits.ReadAllAsync(deadline.Token))
        {
            if (exit.Pid == pid)
            {
                return exit;
            }
        }

        throw new InvalidOperationException("the exits channel ended");
    }
}
