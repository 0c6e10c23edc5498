using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Watchdog.Common.Processes;
using Watchdog.Detector;

namespace Watchdog.Tests.Detector;

// The real runner with real processes: a hook that outlives its timeout (or the watchdog) dies with its whole tree,
// including a grandchild that left the hook's process tree and session ((…&) re-parents it, setsid detaches it),
// which Process.Kill(entireProcessTree) never found.
public sealed class HookKillTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly ProcessCommandRunner runner = new(TimeProvider.System, NullLogger.Instance);
    private int grandchild;

    [Fact]
    public async Task Hook_past_its_timeout_is_killed_with_a_grandchild_that_called_setsid()
    {
        var request = EscapingHook(TimeSpan.FromSeconds(3));

        var outcome = await runner.RunAsync(request, CancellationToken.None);

        Assert.Equal(HookEnd.TimedOut, outcome.End);
        grandchild = ReadPid();
        await Poll.UntilAsync(() => !IsAlive(grandchild), $"the setsid grandchild {grandchild} to be dead");
    }

    [Fact]
    public async Task Hook_running_when_the_watchdog_stops_is_killed_with_a_grandchild_that_called_setsid()
    {
        using var stopping = new CancellationTokenSource();
        var running = runner.RunAsync(EscapingHook(TimeSpan.FromMinutes(10)), stopping.Token);
        await Poll.UntilAsync(() => File.Exists(PidFile) && File.ReadAllText(PidFile).EndsWith('\n'), "the grandchild to start");
        grandchild = ReadPid();

        await stopping.CancelAsync();
        var outcome = await running;

        Assert.Equal(HookEnd.Cancelled, outcome.End);
        await Poll.UntilAsync(() => !IsAlive(grandchild), $"the setsid grandchild {grandchild} to be dead");
    }

    [Fact]
    public async Task Hook_sees_a_hook_tag_of_its_own()
    {
        var output = temp.Combine("tag");
        var request = new CommandRequest(["/bin/sh", "-c", $"echo \"${HookTag.Variable}\" > {output}"], [], TimeSpan.FromSeconds(30));

        var outcome = await runner.RunAsync(request, CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Describe());
        Assert.True(Guid.TryParse(File.ReadAllText(output).Trim(), out _), File.ReadAllText(output));
    }

    public void Dispose()
    {
        // Only if the test failed: the grandchild this test started, by its pid.
        if (grandchild > 0 && IsAlive(grandchild))
        {
            System.Diagnostics.Process.GetProcessById(grandchild).Kill();
        }

        temp.Dispose();
    }

    private string PidFile => temp.Combine("grandchild.pid");

    private CommandRequest EscapingHook(TimeSpan timeout) =>
        new(["/bin/sh", "-c", $"(setsid sleep 1000 & echo $! > {PidFile}.tmp; mv {PidFile}.tmp {PidFile}); exec sleep 1000"], [], timeout);

    private int ReadPid() => int.Parse(File.ReadAllText(PidFile).Trim(), CultureInfo.InvariantCulture);

    private static bool IsAlive(int pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
