using Watchdog.Common.Config;

namespace Watchdog.Tests.Config;

public sealed class ConfigFingerprintTests
{
    private static readonly ProgramOptions Api = new(
        "api",
        ["/usr/bin/api", "--port", "80"],
        "/usr/bin/api",
        "/srv/api",
        [new("A", "1"), new("B", "2")],
        [new ProgramHeartOptions("api", TimeSpan.FromSeconds(30))],
        TimeSpan.FromSeconds(10),
        new StopOptions(15, "SIGTERM", TimeSpan.FromSeconds(10)),
        new BackoffOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)),
        new LimitOptions(5, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(10)),
        null);

    [Fact]
    public void The_same_config_has_the_same_fingerprint_and_no_differences()
    {
        var again = Api with { Command = ["/usr/bin/api", "--port", "80"] };

        Assert.Equal(ConfigFingerprint.Of(Api), ConfigFingerprint.Of(again));
        Assert.Empty(ConfigFingerprint.Differences(Api, again));
    }

    [Fact]
    public void Each_launch_affecting_key_is_named_when_it_changes()
    {
        var identity = new ProgramIdentity("api", 1000, 1000, [1000], "/home/api", "/bin/sh");
        var changes = new (string Key, ProgramOptions Changed)[]
        {
            ("command", Api with { Command = ["/usr/bin/api", "--port", "81"] }),
            ("directory", Api with { Directory = "/srv" }),
            ("environment", Api with { Environment = [new("A", "1"), new("B", "3")] }),
            ("user", Api with { Identity = identity }),
            ("umask", Api with { Umask = 0x17 }),
            ("limits", Api with { Limits = ResourceLimits.None with { Nofile = 1024 } }),
            ("hearts", Api with { Hearts = [new ProgramHeartOptions("api", TimeSpan.FromSeconds(31))] }),
            ("output", Api with { Output = "/var/log/api.log" }),
        };

        foreach (var (key, changed) in changes)
        {
            Assert.Contains(key, ConfigFingerprint.Differences(Api, changed));
        }

        Assert.Equal(["group"], ConfigFingerprint.Differences(Api with { Identity = identity }, Api with { Identity = identity with { Gid = 1001 } }));
    }

    [Fact]
    public void Policy_keys_apply_live_and_leave_the_fingerprint_alone()
    {
        var policy = Api with
        {
            StartupGrace = TimeSpan.FromSeconds(1),
            Stop = new StopOptions(2, "SIGINT", TimeSpan.FromSeconds(1)),
            Backoff = new BackoffOptions(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4)),
            Limit = new LimitOptions(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)),
            Restart = RestartWhen.OnFailure,
            SuccessExitCodes = [0, 3],
        };

        Assert.Equal(ConfigFingerprint.Of(Api), ConfigFingerprint.Of(policy));
    }

    [Fact]
    public void Environment_is_compared_as_the_child_sees_it()
    {
        var reordered = Api with { Environment = [new("B", "2"), new("A", "0"), new("A", "1")] };

        Assert.Empty(ConfigFingerprint.Differences(Api, reordered));
    }

    [Fact]
    public void A_state_without_a_fingerprint_has_nothing_to_compare_and_a_foreign_one_differs_in_every_key()
    {
        Assert.Empty(ConfigFingerprint.Differences(null, ConfigFingerprint.Of(Api)));
        Assert.Equal(ConfigFingerprint.Keys, ConfigFingerprint.Differences("junk", ConfigFingerprint.Of(Api)));
    }
}
