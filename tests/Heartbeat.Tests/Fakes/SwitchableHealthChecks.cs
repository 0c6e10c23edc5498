using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Watchdog.Heartbeat.Tests.Fakes;

// A HealthCheckService whose verdict the test sets, or makes throw.
internal sealed class SwitchableHealthChecks : HealthCheckService
{
    public HealthStatus Status { get; set; } = HealthStatus.Healthy;

    public Exception? Failure { get; set; }

    public override Task<HealthReport> CheckHealthAsync(Func<HealthCheckRegistration, bool>? predicate, CancellationToken cancellationToken = default)
    {
        if (Failure is not null)
        {
            throw Failure;
        }

        var entry = new HealthReportEntry(Status, description: null, TimeSpan.Zero, exception: null, data: null);
        return Task.FromResult(new HealthReport(new Dictionary<string, HealthReportEntry> { ["switch"] = entry }, TimeSpan.Zero));
    }
}
