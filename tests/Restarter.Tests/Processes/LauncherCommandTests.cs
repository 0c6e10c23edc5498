using Watchdog.Common.Config;
using Watchdog.Restarter.Processes;

namespace Restarter.Tests.Processes;

public sealed class LauncherCommandTests
{
    private static readonly ProgramOptions Plain = HostHarness.Program("api", ["/srv/api/run", "--port", "80"], directory: "/srv/api");

    [Fact]
    public void A_program_without_user_umask_rlimits_or_cgroup_is_spawned_directly()
    {
        Assert.False(LauncherCommand.IsNeeded(Plain, cgroup: null));
        Assert.False(LauncherCommand.IsNeeded(Plain with { Limits = new ResourceLimits(null, null, null, 1 << 30, 64, 150) }, cgroup: null));
        Assert.True(LauncherCommand.IsNeeded(Plain, cgroup: "/sys/fs/cgroup/w/api"));
        Assert.True(LauncherCommand.IsNeeded(Plain with { Umask = 0x17 }, cgroup: null));
        Assert.True(LauncherCommand.IsNeeded(Plain with { Limits = ResourceLimits.None with { Core = 0 } }, cgroup: null));
    }

    [Fact]
    public void Every_setting_becomes_an_option_before_the_command()
    {
        var program = Plain with
        {
            Identity = new ProgramIdentity("api", 1001, 1002, [1002, 27], "/home/api", "/bin/bash"),
            Umask = 0x17,
            Limits = new ResourceLimits(65536, ulong.MaxValue, 0, null, null, null),
        };

        Assert.Equal(
            [
                "/opt/w/watchdog-launch", "--cgroup", "/sys/fs/cgroup/w/api",
                "--rlimit", "nofile:65536:65536", "--rlimit", "nproc:infinity:infinity", "--rlimit", "core:0:0",
                "--umask", "0027", "--groups", "1002,27", "--gid", "1002", "--uid", "1001", "--chdir", "/srv/api",
                "--", "/srv/api/run", "/srv/api/run", "--port", "80",
            ],
            LauncherCommand.Build("/opt/w/watchdog-launch", program, "/sys/fs/cgroup/w/api"));
        Assert.Equal(
            ["HOME=/home/api", "USER=api", "LOGNAME=api", "SHELL=/bin/bash"],
            LauncherCommand.IdentityEnvironment(program).Select(e => $"{e.Key}={e.Value}"));
    }

    [Fact]
    public void A_umask_alone_adds_only_the_umask()
    {
        Assert.Equal(["/l", "--umask", "0077", "--", "/bin/true", "/bin/true"], LauncherCommand.Build("/l", HostHarness.Program("t", ["/bin/true"]) with { Umask = 0x3F }, cgroup: null));
    }
}
