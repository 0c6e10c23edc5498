namespace Deploy.Tests;

public sealed class ExampleConfigTests
{
    [Theory]
    [InlineData("watchdog")]
    [InlineData("restarter")]
    public async Task Shipped_example_config_is_valid(string binary)
    {
        var result = await Shell.RunAsync(Path.Combine(await Binaries.GetAsync(), binary), "validate", "--config", Path.Combine(Repository.Deploy, "watchdog.yaml"));

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("OK (root /var/lib/watchdog, 0 program(s))", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Example_config_escalates_by_restarting_the_restarter_unit()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(Repository.Deploy, "watchdog.yaml"));

        Assert.Contains("\n  escalate: [/usr/bin/systemctl, restart, watchdog-restarter.service]\n", text, StringComparison.Ordinal);
    }
}
