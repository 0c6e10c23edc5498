using Watchdog.Tests.Cli;

namespace Watchdog.Tests.Config;

// Issue 14: the truncated config made `watchdog validate`, `watchdog run` and `restarter run` die with exit 1 and
// a stack trace from the YAML scanner, and a fifo as --config hung them. Each real binary exits 78 with the error.
public sealed class BadConfigProcessTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    // Built beside this project (Watchdog.Tests references it for the build order, not the assembly).
    private static string RestarterBinary =>
        AppContext.BaseDirectory.Replace("/tests/Watchdog.Tests/bin/", "/src/Restarter/bin/", StringComparison.Ordinal) + "restarter";

    [Theory]
    [InlineData("watchdog", "validate")]
    [InlineData("watchdog", "run")]
    [InlineData("restarter", "run")]
    [InlineData("restarter", "validate")]
    public async Task Truncated_config_exits_78_with_its_place_and_no_stack_trace(string binary, string verb)
    {
        var config = temp.Combine("w.yaml");
        File.WriteAllBytes(config, "a: [x\n@"u8.ToArray());

        var result = await RealBinary.RunAsync(binary == "watchdog" ? RealBinary.Path : RestarterBinary, [verb, "--config", config]);

        Assert.Equal(78, result.ExitCode);
        Assert.Matches($@"{config}:\d+:\d+: not valid YAML", result.Error);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fifo_as_config_exits_78_without_blocking()
    {
        var config = temp.Combine("fifo.yaml");
        SpecialFiles.MakeFifo(config);

        var result = await RealBinary.RunAsync(RealBinary.Path, ["validate", "--config", config]);

        Assert.Equal(78, result.ExitCode);
        Assert.Contains("the config is a fifo, not a regular file", result.Error, StringComparison.Ordinal);
    }
}
