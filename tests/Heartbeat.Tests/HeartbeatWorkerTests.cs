using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Watchdog.Heartbeat.Tests.Fakes;

namespace Watchdog.Heartbeat.Tests;

public sealed class HeartbeatWorkerTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new();
    private readonly CapturingLogger _logger = new();
    private readonly SwitchableHealthChecks _health = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_round_beats_only_while_the_checks_report_healthy()
    {
        var worker = NewWorker();
        var path = _dir.Combine("api");

        await worker.RoundAsync(CancellationToken.None);
        Assert.True(HeartFiles.IsRecent(path));

        foreach (var status in new[] { HealthStatus.Degraded, HealthStatus.Unhealthy })
        {
            _health.Status = status;
            HeartFiles.MakeOld(path);
            await worker.RoundAsync(CancellationToken.None);
            Assert.True(HeartFiles.IsOld(path));
        }

        _health.Status = HealthStatus.Healthy;
        await worker.RoundAsync(CancellationToken.None);
        Assert.True(HeartFiles.IsRecent(path));
    }

    [Fact]
    public async Task Health_changes_are_logged_once_each()
    {
        var worker = NewWorker();
        await worker.RoundAsync(CancellationToken.None);

        _health.Status = HealthStatus.Unhealthy;
        await worker.RoundAsync(CancellationToken.None);
        await worker.RoundAsync(CancellationToken.None);
        _health.Status = HealthStatus.Healthy;
        await worker.RoundAsync(CancellationToken.None);
        await worker.RoundAsync(CancellationToken.None);

        Assert.Equal(1, _logger.Count(LogLevel.Warning));
        Assert.Contains("Unhealthy", _logger.Events.Single(e => e.Level == LogLevel.Warning).Message, StringComparison.Ordinal);
        Assert.Contains("beats again", _logger.Events[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_checks_that_throw_stop_the_heart()
    {
        var worker = NewWorker();
        var path = _dir.Combine("api");
        await worker.RoundAsync(CancellationToken.None);
        HeartFiles.MakeOld(path);

        _health.Failure = new InvalidOperationException("the check itself is broken");
        await worker.RoundAsync(CancellationToken.None);
        await worker.RoundAsync(CancellationToken.None);

        Assert.True(HeartFiles.IsOld(path));
        Assert.Equal(1, _logger.Count(LogLevel.Warning));
    }

    [Fact]
    public void The_interval_defaults_to_a_third_of_the_timeout_and_must_be_shorter_than_it()
    {
        var heart = new Heart(_dir.Path, "api", TimeSpan.FromSeconds(30));

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new HeartbeatWorker(heart, _health, predicate: null, TimeSpan.FromSeconds(30), _time, _logger));
    }

    [Fact]
    public async Task The_worker_beats_on_its_timer()
    {
        var worker = NewWorker();
        var path = _dir.Combine("api");
        await worker.StartAsync(CancellationToken.None);
        try
        {
            await Poll.UntilAsync(() => worker.Rounds == 1, "the first round");
            HeartFiles.MakeOld(path);

            _time.Advance(TimeSpan.FromSeconds(10));

            await Poll.UntilAsync(() => worker.Rounds == 2, "the round after one interval");
            Assert.True(HeartFiles.IsRecent(path));
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    private HeartbeatWorker NewWorker()
    {
        var heart = new Heart(_dir.Path, "api", TimeSpan.FromSeconds(30), new HeartOptions { TimeProvider = _time, ThrottleInterval = TimeSpan.Zero });
        return new HeartbeatWorker(heart, _health, predicate: null, interval: null, _time, _logger);
    }
}
