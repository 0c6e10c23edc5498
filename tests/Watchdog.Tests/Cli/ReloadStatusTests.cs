using System.Text.Json;
using Watchdog.Common.Hosting;
using Watchdog.Common.Protocol;

namespace Watchdog.Tests.Cli;

// `status` while a daemon runs its previous config because it rejected the reloaded one (DESIGN.md §5 "Reload").
public sealed class ReloadStatusTests : IDisposable
{
    private readonly TestRoot root = new();
    private readonly CliHarness cli = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void Rejected_config_is_named_with_its_first_error_and_is_not_healthy()
    {
        root.Running("api", cli.Now.AddHours(-2));
        root.Heart("api", "30\n", cli.Now.AddSeconds(-3));
        root.Daemons(cli.Now);
        File.WriteAllText(ConfigReload.RejectedPath(root.Layout, DaemonHearts.Restarter), "1 error in the config:\n  /etc/watchdog/watchdog.yaml:7:7: unknown key 'bogus'\n");

        var result = cli.Run("status", "--root", root.Path);
        var json = JsonDocument.Parse(cli.Run("status", "--root", root.Path, "--json").Output).RootElement;

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("NOT HEALTHY: config rejected, running the previous one", result.OutputLines[0], StringComparison.Ordinal);
        Assert.Equal("restarter: config rejected, running the previous one: 1 error in the config: /etc/watchdog/watchdog.yaml:7:7: unknown key 'bogus'", result.OutputLines[1]);
        Assert.False(json.GetProperty("healthy").GetBoolean());
        Assert.Single(json.GetProperty("config_rejected").EnumerateArray());
    }

    [Fact]
    public void Without_a_rejected_config_status_names_none()
    {
        root.Running("api", cli.Now.AddHours(-2));
        root.Heart("api", "30\n", cli.Now.AddSeconds(-3));
        root.Daemons(cli.Now);

        var json = JsonDocument.Parse(cli.Run("status", "--root", root.Path, "--json").Output).RootElement;

        Assert.True(json.GetProperty("healthy").GetBoolean());
        Assert.Empty(json.GetProperty("config_rejected").EnumerateArray());
    }
}
