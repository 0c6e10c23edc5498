using Watchdog.Common.Processes;

namespace Restarter.Tests.Processes;

[Collection("processes")]
public sealed class HookTests : IDisposable
{
    private readonly HostHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public async Task Hook_exit_code_and_output_are_reported()
    {
        var result = await harness.Host.RunHookAsync(["sh", "-c", "echo paged $WHO; exit 3"], [new("WHO", "oncall")], TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("exited with code 3 after ", result.Describe(), StringComparison.Ordinal);
        await harness.LineAsync("hook sh", l => l == "paged oncall");
    }

    [Fact]
    public async Task Hook_that_exceeds_its_timeout_is_killed_with_its_session()
    {
        var marker = Guid.NewGuid().ToString();

        var result = await harness.Host.RunHookAsync(
            ["/bin/sh", "-c", "setsid sleep 1000 & sleep 1000 & echo started; wait"], [new(harness.TagVariable, marker)], TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal(HookEnd.TimedOut, result.End);
        Assert.Equal("killed after the 1s timeout", result.Describe());
        await harness.LineAsync("hook sh", l => l == "started");
        Assert.Empty(harness.Host.FindTagged(harness.TagVariable));
    }

    [Fact]
    public async Task Hook_that_cannot_start_says_why()
    {
        var result = await harness.Host.RunHookAsync([harness.Temp.Combine("no-such-hook")], [], TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Equal($"could not start: '{harness.Temp.Combine("no-such-hook")}' is not an executable file", result.Describe());
    }
}
