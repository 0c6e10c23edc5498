using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Watchdog.Heartbeat.Tests;

public sealed class AddHeartbeatTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new();
    private volatile bool _healthy = true;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task The_hosted_service_stops_beating_while_a_health_check_is_unhealthy_and_resumes_when_healthy()
    {
        using var host = BuildHost(services => services.AddHeartbeat(o =>
        {
            o.Directory = _dir.Path;
            o.Name = "api";
            o.Timeout = TimeSpan.FromSeconds(30);
        }));
        var worker = host.Services.GetServices<IHostedService>().OfType<HeartbeatWorker>().Single();
        var path = _dir.Combine("api");
        await host.StartAsync();
        try
        {
            await Poll.UntilAsync(() => worker.Rounds >= 1, "the first round");
            Assert.Equal("30\n", HeartFiles.Content(path));

            _healthy = false;
            HeartFiles.MakeOld(path);
            await NextRound(worker);
            await NextRound(worker);
            Assert.True(HeartFiles.IsOld(path));

            _healthy = true;
            await NextRound(worker);
            Assert.True(HeartFiles.IsRecent(path));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Only_the_checks_the_predicate_selects_decide()
    {
        using var host = BuildHost(services => services.AddHeartbeat(o =>
        {
            (o.Directory, o.Name, o.Timeout) = (_dir.Path, "api", TimeSpan.FromSeconds(30));
            o.Predicate = check => check.Tags.Contains("live");
        }));
        var worker = host.Services.GetServices<IHostedService>().OfType<HeartbeatWorker>().Single();
        var path = _dir.Combine("api");
        _healthy = false;
        await host.StartAsync();
        try
        {
            await Poll.UntilAsync(() => worker.Rounds >= 1, "the first round");
            HeartFiles.MakeOld(path);

            await NextRound(worker);

            Assert.True(HeartFiles.IsRecent(path));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Each_call_adds_its_own_heart()
    {
        using var host = BuildHost(services => services
            .AddHeartbeat(o => (o.Directory, o.Name, o.Timeout) = (_dir.Path, "api", TimeSpan.FromSeconds(30)))
            .AddHeartbeat(o => (o.Directory, o.Name, o.Timeout) = (_dir.Path, "api.hourly", TimeSpan.FromHours(2))));
        var workers = host.Services.GetServices<IHostedService>().OfType<HeartbeatWorker>().ToList();
        await host.StartAsync();
        try
        {
            await Poll.UntilAsync(() => workers.All(w => w.Rounds >= 1), "the first round of both");

            Assert.Equal("30\n", HeartFiles.Content(_dir.Combine("api")));
            Assert.Equal("7200\n", HeartFiles.Content(_dir.Combine("api.hourly")));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public void Outside_supervision_the_service_has_an_unsupervised_heart()
    {
        using var provider = new ServiceCollection().AddLogging().AddHealthChecks().Services.BuildServiceProvider();

        var worker = HeartbeatWorker.Create(provider, new HeartbeatServiceOptions(), _ => null);

        Assert.False(worker.Heart.IsSupervised);
    }

    [Fact]
    public void An_invalid_name_is_rejected_when_the_service_is_added()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentException>(() => services.AddHeartbeat(o => o.Name = "../api"));
    }

    private async Task NextRound(HeartbeatWorker worker)
    {
        var before = worker.Rounds;
        _time.Advance(TimeSpan.FromSeconds(10));
        await Poll.UntilAsync(() => worker.Rounds > before, "the next round");
    }

    private IHost BuildHost(Action<IServiceCollection> configure)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddHealthChecks().AddCheck("switch", () => _healthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("switched off"));
        configure(builder.Services);
        return builder.Build();
    }
}
