namespace Watchdog.Tests.Cli;

// Issue 14: `watchdog history --json >&-` died with a stack trace; `watchdog status | head -c1` must exit quietly.
public sealed class ClosedOutputTests : IDisposable
{
    private readonly TestRoot root = new();

    public void Dispose() => root.Dispose();

    [Theory]
    [InlineData("history", "--json")]
    [InlineData("status", "--json")]
    [InlineData("problems")]
    [InlineData("metrics")]
    public async Task Verb_with_stdout_closed_exits_with_its_own_code_and_nothing_on_stderr(params string[] verb)
    {
        root.History("api", DateTimeOffset.UtcNow.AddMinutes(-1), "2026-11-22T10:00:00.000Z watchdog: heart 'api' silent");

        var result = await RealBinary.ShellAsync("\"$0\" \"$@\" >&-", [.. verb, "--root", root.Path]);

        Assert.Equal("", result.Error);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Status_whose_reader_goes_away_after_one_byte_exits_quietly()
    {
        // More output than a pipe holds (64 KiB), so status is still writing when the reader has gone.
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 3000; i++)
        {
            root.Heart($"heart-{i:0000}", "300", now);
        }

        var result = await RealBinary.WithReaderGoneAfterOneCharAsync("status", "--root", root.Path);

        Assert.Equal("w", result.Output);
        Assert.Equal("", result.Error);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Check_with_stdout_closed_still_gives_its_verdict()
    {
        root.Heart("old", "1", DateTimeOffset.UtcNow.AddMinutes(-5));

        var result = await RealBinary.ShellAsync("\"$0\" check old --root \"$1\" >&-", root.Path);

        Assert.Equal("", result.Error);
        Assert.Equal(1, result.ExitCode);
    }
}
