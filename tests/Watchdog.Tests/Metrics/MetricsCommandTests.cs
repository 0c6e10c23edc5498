using Microsoft.Extensions.Time.Testing;
using Watchdog.Common.Protocol;
using Watchdog.Common.State;
using Watchdog.Metrics;

namespace Watchdog.Tests.Metrics;

public sealed class MetricsCommandTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory temp = new();
    private readonly RootLayout layout;

    public MetricsCommandTests()
    {
        layout = new RootLayout(temp.Path);
        layout.EnsureCreated();
    }

    [Fact]
    public async Task Metrics_verb_prints_hearts_problems_and_the_restarters_state()
    {
        Heart("api", "30", TimeSpan.FromSeconds(5));
        Heart("old", "10", TimeSpan.FromSeconds(60));
        Heart("garbage", "xyz", TimeSpan.FromSeconds(1));
        Heart("watchdog", "10", TimeSpan.FromHours(1));
        Directory.CreateDirectory(layout.Heart("sub"));
        ProblemFile.TryCreate(layout, "old", Now.AddSeconds(-50), "watchdog", "heart 'old' silent");
        new StateStore(layout).Write(new ProgramState("api", ProgramPhase.Running, "tag", 7, 1, Now.AddSeconds(-90), [Now.AddMinutes(-1)], 0, null, null, null));
        File.WriteAllText(Path.Combine(layout.State, "broken.json"), "{ not json");
        Assert.Equal(0, Mkfifo(Path.Combine(layout.State, "fifo.json"), 0x1a4));
        var output = new StringWriter();
        var error = new StringWriter();

        // A fifo opened for reading blocks until a writer comes: run off the test thread, bounded.
        var rc = await Task.Run(() => MetricsCommand.Run(null, temp.Path, new FakeTimeProvider(Now), output, error)).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(0, rc);
        var families = PrometheusText.Parse(output.ToString());
        Assert.Equal(4, MetricsRendererTests.Value(families, "watchdog_hearts"));
        Assert.Equal(1, MetricsRendererTests.Value(families, "watchdog_heart_stale", "heart", "old"));
        Assert.Equal(0, MetricsRendererTests.Value(families, "watchdog_heart_stale", "heart", "api"));
        Assert.Equal(0, MetricsRendererTests.Value(families, "watchdog_heart_stale", "heart", "watchdog"));
        Assert.Equal(30, MetricsRendererTests.Value(families, "watchdog_heart_timeout_seconds", "heart", "garbage"));
        Assert.Equal(5, MetricsRendererTests.Value(families, "watchdog_heart_age_seconds", "heart", "api"));
        Assert.Equal(50, MetricsRendererTests.Value(families, "watchdog_problem_age_seconds", "problem", "old"));
        Assert.Equal(90, MetricsRendererTests.Value(families, "watchdog_program_uptime_seconds", "program", "api"));
        Assert.Contains("broken", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("fifo.json is not a regular file", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_verb_with_a_bad_config_exits_78_with_the_errors()
    {
        var config = Path.Combine(temp.Path, "w.yaml");
        File.WriteAllText(config, "watchdog:\n  max_interval: soon\n  nonsense: 1\n");
        var error = new StringWriter();

        var rc = MetricsCommand.Run(config, null, new FakeTimeProvider(Now), new StringWriter(), error);

        Assert.Equal(78, rc);
        Assert.Contains("w.yaml:2:17", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("w.yaml:3:3", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_verb_says_what_it_cannot_read()
    {
        Directory.Delete(layout.Hearts);
        var error = new StringWriter();

        var rc = MetricsCommand.Run(null, temp.Path, new FakeTimeProvider(Now), new StringWriter(), error);

        Assert.Equal(0, rc);
        Assert.Contains($"cannot read {layout.Hearts}", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => temp.Dispose();

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int Mkfifo(string path, int mode);

    private void Heart(string name, string content, TimeSpan age)
    {
        File.WriteAllText(layout.Heart(name), content);
        File.SetLastWriteTimeUtc(layout.Heart(name), (Now - age).UtcDateTime);
    }
}
