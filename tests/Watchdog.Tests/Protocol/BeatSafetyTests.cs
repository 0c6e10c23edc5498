using Watchdog.Tests.Cli;

namespace Watchdog.Tests.Protocol;

// Issue 14 §7: `watchdog beat` (run as root from cron) beats exactly as the library does.
public sealed class BeatSafetyTests : IDisposable
{
    private readonly TestRoot root = new();
    private readonly TempDirectory outside = new();
    private readonly CliHarness cli = new();

    public void Dispose()
    {
        root.Dispose();
        outside.Dispose();
    }

    [Fact]
    public void Beat_refuses_a_heart_that_is_a_symlink_and_leaves_its_target_untouched()
    {
        var secret = SpecialFiles.Secret(outside.Path);
        File.CreateSymbolicLink(root.Layout.Heart("api"), secret);

        var plain = cli.Run("beat", "api", "--root", root.Path);
        var declaring = cli.Run("beat", "api", "--timeout", "5", "--root", root.Path);

        Assert.Equal(1, plain.ExitCode);
        Assert.Equal(1, declaring.ExitCode);
        Assert.Contains($"cannot beat {root.Layout.Heart("api")}: it is a symbolic link", plain.Error, StringComparison.Ordinal);
        Assert.True(SpecialFiles.IsUntouched(secret));
        Assert.Equal(secret, new FileInfo(root.Layout.Heart("api")).LinkTarget);
    }

    [Fact]
    public async Task Beat_with_a_timeout_never_blocks_on_a_fifo_heart()
    {
        SpecialFiles.MakeFifo(root.Layout.Heart("api"));

        var result = await SpecialFiles.WithinDeadlineAsync(() => cli.Run("beat", "api", "--timeout", "5", "--root", root.Path));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not a regular file", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Beat_never_writes_through_a_symlinked_hearts_directory()
    {
        Directory.Delete(root.Layout.Hearts);
        File.CreateSymbolicLink(root.Layout.Hearts, outside.Path);

        var result = cli.Run("beat", "api", "--timeout", "5", "--root", root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("symbolic link", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside.Path));
    }
}
