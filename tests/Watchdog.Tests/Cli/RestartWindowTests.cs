using System.Text.Json;
using Watchdog.Common.State;
using Watchdog.Tests.Metrics;

namespace Watchdog.Tests.Cli;

// One definition of "restarts in the last hour" (docs/cli.md): now − 1h < restart ≤ now, in status and metrics alike.
public sealed class RestartWindowTests : IDisposable
{
    private readonly TestRoot root = new();
    private readonly CliHarness cli = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void Status_and_metrics_count_the_same_restarts_at_the_window_edges()
    {
        var now = cli.Now;
        root.State("api", ProgramPhase.Backoff, restarts:
        [
            now.AddHours(-1),
            now.AddHours(-1).AddMilliseconds(1),
            now,
            now.AddSeconds(1),
        ]);

        using var status = JsonDocument.Parse(cli.Run("status", "--json", "--root", root.Path).Output);
        var metrics = PrometheusText.Parse(cli.Run("metrics", "--root", root.Path).Output);

        Assert.Equal(2, status.RootElement.GetProperty("programs")[0].GetProperty("restarts_last_hour").GetInt32());
        Assert.Equal(2, MetricsRendererTests.Value(metrics, "watchdog_program_restarts_last_hour", "program", "api"));
    }
}
