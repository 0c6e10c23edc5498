namespace Watchdog.Tests.Cli;

public sealed class VerbHelpTests
{
    [Theory]
    [InlineData("status", "--json")]
    [InlineData("problems", "--json")]
    [InlineData("history", "--since")]
    [InlineData("mark", "--reason")]
    [InlineData("stop", "--timeout")]
    [InlineData("start", "--timeout")]
    [InlineData("beat", "--timeout")]
    [InlineData("check", "NAME")]
    public void Every_verb_has_help_naming_its_options(string verb, string option)
    {
        var result = new CliHarness().Run(verb, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(option, result.Output, StringComparison.Ordinal);
        Assert.Contains("--root <DIR>", result.Output, StringComparison.Ordinal);
        Assert.Contains("--config <FILE>", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status", "--jsn")]
    [InlineData("check")]
    [InlineData("mark", "a", "b")]
    [InlineData("history", "--limit", "many")]
    public void Usage_errors_exit_2_with_a_hint(params string[] args)
    {
        var result = new CliHarness().Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--help' for usage.", result.Error, StringComparison.Ordinal);
    }
}
