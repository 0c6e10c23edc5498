using Watchdog.Common.Protocol;

namespace Watchdog.Tests.Cli;

public sealed class MarkCommandTests : IDisposable
{
    private readonly TestRoot root = new();
    private readonly CliHarness cli = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void Mark_writes_an_operator_problem_first_noticed_now()
    {
        root.Heart("api", "30", cli.Now);
        cli.Variables["SUDO_USER"] = "alice";

        var result = cli.Run("mark", "api", "--root", root.Path);

        Assert.Equal(0, result.ExitCode);
        var problem = ProblemFile.TryRead(root.Layout.Problem("api"));
        Assert.NotNull(problem);
        Assert.Equal(cli.Now, problem.FirstNoticed);
        Assert.Equal("2026-11-22T10:20:00.000Z operator: restart requested by alice\n", problem.Text);
        Assert.Contains("marked 'api'", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Mark_with_a_reason_writes_the_reason()
    {
        root.Running("api", cli.Now.AddHours(-1));

        var result = cli.Run("mark", "api", "--reason", "leaking memory\nsee ticket 42", "--root", root.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("2026-11-22T10:20:00.000Z operator: leaking memory see ticket 42\n", File.ReadAllText(root.Layout.Problem("api")));
    }

    [Fact]
    public void Mark_never_overwrites_an_open_problem()
    {
        root.Heart("api", "30", cli.Now);
        root.Problem("api", cli.Now.AddSeconds(-12), "2026-11-22T10:19:48.000Z watchdog: heart 'api' silent for 31.0s (timeout 30s)");
        var before = File.ReadAllText(root.Layout.Problem("api"));

        var result = cli.Run("mark", "api", "--root", root.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("a restart for 'api' is already in progress (problem open since 2026-11-22T10:19:48.000Z", result.Output, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(root.Layout.Problem("api")));
        Assert.Equal(cli.Now.AddSeconds(-12).UtcDateTime, File.GetLastWriteTimeUtc(root.Layout.Problem("api")));
    }

    [Fact]
    public void Mark_of_a_configured_program_needs_no_heart_or_state()
    {
        var config = root.Config("restarter:\n  programs:\n    - name: api\n      command: [/bin/true]\n");

        Assert.Equal(0, cli.Run("mark", "api", "--config", config).ExitCode);
        Assert.True(File.Exists(root.Layout.Problem("api")));
    }

    [Fact]
    public void Mark_of_a_name_nobody_owns_writes_nothing()
    {
        var result = cli.Run("mark", "ghost", "--root", root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nothing is named 'ghost'", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(root.Layout.Problem("ghost")));
    }

    [Theory]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    [InlineData("-x")]
    public void Invalid_name_is_a_usage_error(string name)
    {
        var result = cli.Run("mark", name, "--root", root.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not a valid name", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(root.Layout.Problems));
    }

    [Fact]
    public void Mark_without_a_problems_directory_says_what_is_missing()
    {
        root.Heart("api", "30", cli.Now);
        Directory.Delete(root.Layout.Problems);

        var result = cli.Run("mark", "api", "--root", root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"no problems/ directory in {root.Path}", result.Error, StringComparison.Ordinal);
    }
}
