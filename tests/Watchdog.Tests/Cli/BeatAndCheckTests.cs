using Watchdog.Common.Protocol;

namespace Watchdog.Tests.Cli;

public sealed class BeatAndCheckTests : IDisposable
{
    private readonly TestRoot root = new();
    private readonly CliHarness cli = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void Beat_creates_a_missing_heart_with_the_default_timeout()
    {
        var result = cli.Run("beat", "cron.nightly", "--config", root.Config());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("45\n", File.ReadAllText(root.Layout.Heart("cron.nightly")));
    }

    [Fact]
    public void Beat_creates_a_missing_heart_with_the_given_timeout()
    {
        Assert.Equal(0, cli.Run("beat", "backup", "--timeout", "26h", "--root", root.Path).ExitCode);

        Assert.Equal("93600\n", File.ReadAllText(root.Layout.Heart("backup")));
    }

    [Fact]
    public void Beat_moves_the_mtime_and_keeps_the_content()
    {
        root.Heart("api", " 2.5 \n", cli.Now.AddHours(-1));
        var before = DateTime.UtcNow.AddSeconds(-5);

        Assert.Equal(0, cli.Run("beat", "api", "--timeout", "2.5", "--root", root.Path).ExitCode);

        Assert.Equal(" 2.5 \n", File.ReadAllText(root.Layout.Heart("api")));
        Assert.True(File.GetLastWriteTimeUtc(root.Layout.Heart("api")) > before);
    }

    [Fact]
    public void Beat_with_another_timeout_rewrites_the_content()
    {
        root.Heart("api", "30", cli.Now.AddHours(-1));

        Assert.Equal(0, cli.Run("beat", "api", "--timeout", "1m", "--root", root.Path).ExitCode);

        Assert.Equal("60\n", File.ReadAllText(root.Layout.Heart("api")));
        Assert.Empty(Directory.EnumerateFiles(root.Layout.Hearts, ".*"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("32d")]
    [InlineData("soon")]
    public void Beat_with_an_impossible_timeout_is_a_usage_error(string timeout)
    {
        var result = cli.Run("beat", "api", "--timeout", timeout, "--root", root.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--timeout", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(root.Layout.Heart("api")));
    }

    [Fact]
    public void Beat_without_a_hearts_directory_says_what_is_missing()
    {
        Directory.Delete(root.Layout.Hearts);

        var result = cli.Run("beat", "api", "--root", root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"no hearts/ directory in {root.Path}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_of_a_fresh_heart_exits_0_with_one_line()
    {
        root.Heart("api", "30", cli.Now.AddSeconds(-3));

        var result = cli.Run("check", "api", "--root", root.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("OK: heart 'api' beat 3.0s ago (timeout 30s) | age=3s;;30\n", result.Output);
    }

    [Fact]
    public void Check_of_a_stale_heart_exits_1_with_one_line()
    {
        root.Heart("api", "30", cli.Now.AddSeconds(-31));

        var result = cli.Run("check", "api", "--root", root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("STALE: heart 'api' silent for 31.0s (timeout 30s) | age=31s;;30\n", result.Output);
    }

    [Fact]
    public void Check_of_a_missing_heart_exits_1_with_one_line()
    {
        var result = cli.Run("check", "api", "--root", root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"MISSING: heart 'api': no heart file {root.Layout.Heart("api")}\n", result.Output);
    }

    [Fact]
    public void Check_under_a_missing_root_says_the_root_is_missing()
    {
        var result = cli.Run("check", "api", "--root", root.Sibling("gone"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"MISSING: heart 'api': no such directory {root.Sibling("gone")}", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_of_a_heart_in_its_startup_grace_is_fresh()
    {
        root.Heart("api", "30", cli.Now.AddSeconds(20));

        var result = cli.Run("check", "api", "--root", root.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("OK: heart 'api' in its startup grace for 20.0s more", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_uses_the_default_timeout_for_a_heart_without_a_valid_one()
    {
        root.Heart("api", "", cli.Now.AddSeconds(-40));

        var fresh = cli.Run("check", "api", "--config", root.Config());
        var stale = cli.Run("check", "api", "--root", root.Path);

        Assert.Equal(0, fresh.ExitCode);
        Assert.Contains("timeout 45s, the default", fresh.Output, StringComparison.Ordinal);
        Assert.Equal(1, stale.ExitCode);
    }

    [Fact]
    public void A_beaten_heart_checks_fresh()
    {
        var real = new CliHarness(TimeProvider.System);

        Assert.Equal(0, real.Run("beat", "job", "--timeout", "10", "--root", root.Path).ExitCode);
        Assert.Equal(0, real.Run("check", "job", "--root", root.Path).ExitCode);
        Assert.True(HeartTimeout.TryParse(File.ReadAllBytes(root.Layout.Heart("job")), out var timeout));
        Assert.Equal(TimeSpan.FromSeconds(10), timeout);
    }
}
