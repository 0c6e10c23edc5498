using System.Diagnostics;

namespace Watchdog.Tests.Cli;

public sealed class FifoTests : IDisposable
{
    private readonly TestRoot root = new();
    private readonly CliHarness cli = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public async Task Fifo_among_hearts_and_problems_never_blocks_a_verb()
    {
        MakeFifo(root.Layout.Heart("pipe"));
        MakeFifo(root.Layout.Problem("pipe"));
        root.Heart("api", "30", cli.Now);

        var status = await Task.Run(() => cli.Run("status", "--root", root.Path)).WaitAsync(Poll.DefaultDeadline);
        var problems = await Task.Run(() => cli.Run("problems", "--root", root.Path)).WaitAsync(Poll.DefaultDeadline);
        var check = await Task.Run(() => cli.Run("check", "pipe", "--root", root.Path)).WaitAsync(Poll.DefaultDeadline);

        Assert.Equal(0, status.ExitCode);
        Assert.DoesNotContain("pipe", status.Output, StringComparison.Ordinal);
        Assert.Equal("no open problems\n", problems.Output);
        Assert.Equal(1, check.ExitCode);
        Assert.Equal($"MISSING: heart 'pipe': {root.Layout.Heart("pipe")} is a fifo, not a heart file\n", check.Output);
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
