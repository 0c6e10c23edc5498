using Watchdog.Common.Protocol;

namespace Watchdog.Tests.Cli;

// Issue 14: every file a verb reads below the root, replaced by a symlink (to a file outside the root) or a fifo.
// The verb neither follows nor blocks (each run is bounded by a deadline), and it says what it refused.
public sealed class HostileFileTests : IDisposable
{
    private const string Secret = "SECRET-CONTENT";
    private readonly TestRoot root = new();
    private readonly CliHarness cli = new();
    private readonly string secret;

    public HostileFileTests()
    {
        secret = root.Sibling("secret");
        File.WriteAllText(secret, Secret + "\n");
    }

    public void Dispose() => root.Dispose();

    [Theory]
    [InlineData("symlink")]
    [InlineData("fifo")]
    public async Task Status_refuses_a_hostile_heart_problem_state_and_down_file(string kind)
    {
        root.Running("app", cli.Now);
        Plant(root.Layout.Heart("h"), kind);
        Plant(root.Layout.Problem("p"), kind);
        Plant(root.States.PathFor("s"), kind);
        Plant(root.Layout.DownFile("app"), kind);

        var result = await RunAsync("status", "--root", root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain(Secret, result.Output + result.Error, StringComparison.Ordinal);
        Assert.Contains(Refusal(root.Layout.Heart("h"), kind), result.Error, StringComparison.Ordinal);
        Assert.Contains(Refusal(root.Layout.Problem("p"), kind), result.Error, StringComparison.Ordinal);
        Assert.Contains(Refusal(root.States.PathFor("s"), kind), result.Error, StringComparison.Ordinal);
        Assert.Contains(Refusal(root.Layout.DownFile("app"), kind), result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("symlink")]
    [InlineData("fifo")]
    public async Task Problems_refuses_a_hostile_problem_file(string kind)
    {
        Plant(root.Layout.Problem("p"), kind);

        var result = await RunAsync("problems", "--json", "--root", root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain(Secret, result.Output, StringComparison.Ordinal);
        Assert.Contains(Refusal(root.Layout.Problem("p"), kind), result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("symlink")]
    [InlineData("fifo")]
    public async Task History_refuses_a_hostile_history_entry(string kind)
    {
        var entry = Path.Combine(root.Layout.History, HistoryName.Format(cli.Now.AddMinutes(-1), "p"));
        Plant(entry, kind);

        var result = await RunAsync("history", "--root", root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain(Secret, result.Output, StringComparison.Ordinal);
        Assert.Contains(Refusal(entry, kind), result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("symlink")]
    [InlineData("fifo")]
    public async Task Check_refuses_a_hostile_heart(string kind)
    {
        Plant(root.Layout.Heart("h"), kind);

        var result = await RunAsync("check", "h", "--root", root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"MISSING: heart 'h': {root.Layout.Heart("h")} is a {kind}, not a heart file\n", result.Output);
    }

    [Theory]
    [InlineData("stop", "symlink")]
    [InlineData("stop", "fifo")]
    [InlineData("start", "symlink")]
    [InlineData("start", "fifo")]
    public async Task Stop_and_start_refuse_a_hostile_down_file_and_leave_it_alone(string verb, string kind)
    {
        root.Running("app", cli.Now);
        var down = root.Layout.DownFile("app");
        Plant(down, kind);

        var result = await RunAsync(verb, "app", "--timeout", "1", "--root", root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(Refusal(down, kind), result.Error, StringComparison.Ordinal);
        Assert.Contains("; remove it, then try again", result.Error, StringComparison.Ordinal);
        Assert.Equal(kind == "symlink" ? secret : null, new FileInfo(down).LinkTarget);
        Assert.Equal(Secret + "\n", File.ReadAllText(secret));
    }

    [Theory]
    [InlineData("symlink")]
    [InlineData("fifo")]
    public async Task Mark_refuses_a_hostile_problem_file(string kind)
    {
        root.Heart("app", "30", cli.Now);
        Plant(root.Layout.Problem("app"), kind);

        var result = await RunAsync("mark", "app", "--root", root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain(Secret, result.Output, StringComparison.Ordinal);
        Assert.Contains(Refusal(root.Layout.Problem("app"), kind), result.Error, StringComparison.Ordinal);
        Assert.Equal(Secret + "\n", File.ReadAllText(secret));
    }

    [Fact]
    public void A_protocol_directory_that_is_a_symlink_is_refused_not_listed()
    {
        var elsewhere = root.Sibling("elsewhere");
        Directory.CreateDirectory(elsewhere);
        File.WriteAllText(Path.Combine(elsewhere, "p"), Secret + "\n");
        Directory.Delete(root.Layout.Problems);
        File.CreateSymbolicLink(root.Layout.Problems, elsewhere);

        var result = cli.Run("problems", "--root", root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain(Secret, result.Output, StringComparison.Ordinal);
        Assert.Contains($"{root.Layout.Problems} is a symlink, not a directory: refused", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_with_a_newline_is_printed_escaped()
    {
        File.WriteAllText(Path.Combine(root.Layout.Problems, "forged\nwatchdog: all is well"), "x\n");
        root.Problem("api", cli.Now, "2026-11-22T10:19:00.000Z watchdog: line with \e[31mcolour\e[0m");

        var status = cli.Run("status", "--root", root.Path);
        var problems = cli.Run("problems", "--root", root.Path);

        Assert.Contains(@"forged\nwatchdog: all is well: not a valid name", status.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("forged\n", status.Error, StringComparison.Ordinal);
        Assert.Contains(@"line with \x1b[31mcolour\x1b[0m", problems.Output, StringComparison.Ordinal);
        Assert.False(problems.HasEscapeCodes);
    }

    private static string Refusal(string path, string kind) => $"{path} is a {kind}, not a regular file: refused";

    private async Task<CliResult> RunAsync(params string[] args) =>
        await Task.Run(() => cli.Run(args)).WaitAsync(Poll.DefaultDeadline);

    private void Plant(string path, string kind)
    {
        if (kind == "symlink")
        {
            File.CreateSymbolicLink(path, secret);
        }
        else
        {
            SpecialFiles.MakeFifo(path);
        }
    }
}
