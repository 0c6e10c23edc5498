using Watchdog.Common.Protocol;
using Watchdog.Common.State;
using Watchdog.Tests.Cli;

namespace Watchdog.Tests.Metrics;

public sealed class MetricsCommandTests : IDisposable
{
    private readonly TestRoot root = new();
    private readonly CliHarness cli = new();

    private DateTimeOffset Now => cli.Now;

    [Fact]
    public async Task Metrics_verb_prints_hearts_problems_and_the_restarters_state()
    {
        root.Heart("api", "30", Now.AddSeconds(-5));
        root.Heart("old", "10", Now.AddSeconds(-60));
        root.Heart("garbage", "xyz", Now.AddSeconds(-1));
        root.Heart("watchdog", "10", Now.AddHours(-1));
        Directory.CreateDirectory(root.Layout.Heart("sub"));
        ProblemFile.TryCreate(root.Layout, "old", Now.AddSeconds(-50), "watchdog", "heart 'old' silent");
        root.States.Write(new ProgramState("api", ProgramPhase.Running, "tag", 7, 1, Now.AddSeconds(-90), [Now.AddMinutes(-1)], 0, null, null, null));
        File.WriteAllText(Path.Combine(root.Layout.State, "broken.json"), "{ not json");
        SpecialFiles.MakeFifo(Path.Combine(root.Layout.State, "fifo.json"));

        // A fifo opened for reading would block until a writer comes: run off the test thread, bounded.
        var result = await Task.Run(() => cli.Run("metrics", "-r", root.Path)).WaitAsync(Poll.DefaultDeadline);

        Assert.Equal(1, result.ExitCode);
        var families = PrometheusText.Parse(result.Output);
        Assert.Equal(4, MetricsRendererTests.Value(families, "watchdog_hearts"));
        Assert.Equal(1, MetricsRendererTests.Value(families, "watchdog_heart_stale", "heart", "old"));
        Assert.Equal(0, MetricsRendererTests.Value(families, "watchdog_heart_stale", "heart", "api"));
        Assert.Equal(0, MetricsRendererTests.Value(families, "watchdog_heart_stale", "heart", "watchdog"));
        Assert.Equal(30, MetricsRendererTests.Value(families, "watchdog_heart_timeout_seconds", "heart", "garbage"));
        Assert.Equal(5, MetricsRendererTests.Value(families, "watchdog_heart_age_seconds", "heart", "api"));
        Assert.Equal(50, MetricsRendererTests.Value(families, "watchdog_problem_age_seconds", "problem", "old"));
        Assert.Equal(90, MetricsRendererTests.Value(families, "watchdog_program_uptime_seconds", "program", "api"));
        Assert.Contains("broken", result.Error, StringComparison.Ordinal);
        Assert.Contains("fifo.json is a fifo, not a regular file: refused", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_verb_with_a_bad_config_exits_78_with_the_errors()
    {
        var config = root.Sibling("w.yaml");
        File.WriteAllText(config, "watchdog:\n  max_interval: soon\n  nonsense: 1\n");

        var result = cli.Run("metrics", "--config", config);

        Assert.Equal(78, result.ExitCode);
        Assert.Contains("w.yaml:2:17", result.Error, StringComparison.Ordinal);
        Assert.Contains("w.yaml:3:3", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_verb_takes_the_same_root_options_as_every_verb()
    {
        root.Heart("api", "30", Now.AddSeconds(-5));

        var shortRoot = cli.Run("metrics", "-r", root.Path);
        var both = cli.Run("metrics", "--config", root.Config(), "--root", root.Path);
        var config = cli.Run("metrics", "-c", root.Config());

        Assert.Equal(0, shortRoot.ExitCode);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("Use --config or --root, not both.", both.Error, StringComparison.Ordinal);
        Assert.Equal(0, config.ExitCode);
        Assert.Equal(shortRoot.Output, config.Output);
    }

    [Fact]
    public void Metrics_verb_treats_a_missing_problems_directory_as_empty()
    {
        Directory.Delete(root.Layout.Problems);

        var result = cli.Run("metrics", "-r", root.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.Equal(0, MetricsRendererTests.Value(PrometheusText.Parse(result.Output), "watchdog_problems_open"));
    }

    [Fact]
    public void Metrics_verb_says_what_it_cannot_read()
    {
        Directory.Delete(root.Layout.Hearts);
        File.WriteAllText(root.Layout.Hearts, "not a directory");

        var result = cli.Run("metrics", "-r", root.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{root.Layout.Hearts} is a regular file, not a directory", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => root.Dispose();
}
