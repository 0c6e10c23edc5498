namespace Watchdog.Tests.Cli;

// Issue 14: a writing verb started with umask 000 (a careless shell, a demo) still creates 0644 files.
public sealed class UmaskTests : IDisposable
{
    private readonly TestRoot root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public async Task Mark_under_umask_000_creates_its_problem_file_0644()
    {
        root.Heart("api", "30", DateTimeOffset.UtcNow);

        var result = await RealBinary.ShellAsync("umask 000; exec \"$0\" mark api --root \"$1\"", root.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal((UnixFileMode)Convert.ToInt32("644", 8), File.GetUnixFileMode(root.Layout.Problem("api")));
    }

    [Fact]
    public async Task Stop_under_umask_000_creates_its_down_file_0644()
    {
        var result = await RealBinary.ShellAsync("umask 000; exec \"$0\" stop api --timeout 0.1 --root \"$1\"", root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal((UnixFileMode)Convert.ToInt32("644", 8), File.GetUnixFileMode(root.Layout.DownFile("api")));
    }
}
