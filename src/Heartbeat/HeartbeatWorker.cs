using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Watchdog.Heartbeat;

// Beats on a timer while the health checks report Healthy. A check that hangs holds up the round, and so
// the heart, which is what should happen to a program that can no longer answer for itself.
internal sealed class HeartbeatWorker : BackgroundService
{
    private readonly Heart _heart;
    private readonly HealthCheckService _health;
    private readonly Func<HealthCheckRegistration, bool>? _predicate;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private HealthStatus? _lastStatus;
    private Exception? _checkFailure;
    private long _rounds;

    public HeartbeatWorker(Heart heart, HealthCheckService health, Func<HealthCheckRegistration, bool>? predicate, TimeSpan? interval, TimeProvider time, ILogger logger)
    {
        _heart = heart;
        _health = health;
        _predicate = predicate;
        _interval = interval ?? heart.Timeout / 3;
        if (_interval <= TimeSpan.Zero || _interval >= heart.Timeout)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), _interval, $"The heartbeat interval must be positive and shorter than the timeout ({heart.Timeout}).");
        }

        _time = time;
        _logger = logger;
    }

    public Heart Heart => _heart;

    // Completed rounds, so a test can wait for one instead of sleeping.
    public long Rounds => Interlocked.Read(ref _rounds);

    public static HeartbeatWorker Create(IServiceProvider provider, HeartbeatServiceOptions options, Func<string, string?> getVariable)
    {
        var time = provider.GetService<TimeProvider>() ?? TimeProvider.System;
        var logger = provider.GetService<ILoggerFactory>()?.CreateLogger<Heart>() ?? NullLogger<Heart>.Instance;

        // The timer paces the beats; a throttle on top would only skip some of them.
        var heartOptions = new HeartOptions { Logger = logger, TimeProvider = time, ThrottleInterval = TimeSpan.Zero };
        var heart = Heart.Resolve(getVariable, options.Directory, options.Name, options.Timeout, heartOptions);
        return new HeartbeatWorker(heart, provider.GetRequiredService<HealthCheckService>(), options.Predicate, options.Interval, time, logger);
    }

    public async Task RoundAsync(CancellationToken cancellationToken)
    {
        var status = await CheckAsync(cancellationToken).ConfigureAwait(false);
        if (status == HealthStatus.Healthy)
        {
            _heart.Beat();
        }

        if (status != _lastStatus)
        {
            if (_checkFailure is not null)
            {
                HeartLog.HealthCheckFailed(_logger, _checkFailure, _heart.Name);
            }
            else if (status != HealthStatus.Healthy)
            {
                HeartLog.NotHealthy(_logger, _heart.Name, status.ToString());
            }
            else if (_lastStatus is not null)
            {
                HeartLog.HealthyAgain(_logger, _heart.Name);
            }

            _lastStatus = status;
        }

        Interlocked.Increment(ref _rounds);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_heart.IsSupervised)
        {
            return;
        }

        using var timer = new PeriodicTimer(_interval, _time);
        try
        {
            do
            {
                await RoundAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task<HealthStatus> CheckAsync(CancellationToken cancellationToken)
    {
        _checkFailure = null;
        try
        {
            var report = await _health.CheckHealthAsync(_predicate, cancellationToken).ConfigureAwait(false);
            return report.Status;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _checkFailure = e;
            return HealthStatus.Unhealthy;
        }
    }
}
