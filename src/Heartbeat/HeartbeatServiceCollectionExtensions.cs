using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Watchdog.Heartbeat;

/// <summary>Registers a heart that beats while the application's health checks report Healthy.</summary>
public static class HeartbeatServiceCollectionExtensions
{
    /// <summary>
    /// Adds a hosted service that runs the application's registered health checks every
    /// <see cref="HeartbeatServiceOptions.Interval"/> (a third of the timeout) and beats the heart only while they
    /// report <see cref="HealthStatus.Healthy"/>. While they do not (Degraded, Unhealthy, or a check that hangs), the
    /// heart goes silent and the watchdog restarts the program after its timeout.
    /// </summary>
    /// <remarks>
    /// Health checks are registered as usual with <c>services.AddHealthChecks().AddCheck(...)</c>; with none
    /// registered the heart beats as long as the host runs. Call it once per heart. Outside supervision the service
    /// logs that once and does nothing. The clock is the <see cref="TimeProvider"/> registered in the container, if
    /// any.
    /// </remarks>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets the heart's directory, name, timeout, interval or check filter; optional.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentException">The configured name is not a valid heart name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The configured timeout or interval is out of range.</exception>
    public static IServiceCollection AddHeartbeat(this IServiceCollection services, Action<HeartbeatServiceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new HeartbeatServiceOptions();
        configure?.Invoke(options);
        if (options.Name is not null)
        {
            HeartArguments.ValidateName(options.Name, nameof(configure));
        }

        if (options.Timeout is { } timeout)
        {
            HeartArguments.ValidateTimeout(timeout, nameof(configure));
        }

        if (options.Interval is { } interval && interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(configure), interval, "The heartbeat interval must be positive.");
        }

        services.AddHealthChecks();

        // AddSingleton rather than AddHostedService: the latter keeps one service per implementation type, and a
        // program may have several hearts.
        services.AddSingleton<IHostedService>(provider => HeartbeatWorker.Create(provider, options, Environment.GetEnvironmentVariable));
        return services;
    }
}
