using Watchdog.Common.Config;

namespace Watchdog.Tests.Config;

// `user`, `group`, `umask` and `limits` (issue 10, "Identity, limits, cgroup"), against this host's user database:
// root, nobody and nogroup exist here.
public sealed class ConfigIdentityTests
{
    private static ProgramOptions Program(string keys) =>
        Assert.Single(ConfigLoader.Parse(Config(keys), "/tmp/w.yaml").Restarter.Programs);

    private static List<string> Errors(string keys) =>
        Assert.Throws<ConfigException>(() => ConfigLoader.Parse(Config(keys), "/tmp/w.yaml")).Errors.Select(e => e.ToString()).ToList();

    // keys at column 7 of line 5.
    private static string Config(string keys) =>
        "restarter:\n  programs:\n    - name: api\n      command: [/bin/true]\n" + string.Join('\n', keys.Split('\n').Select(k => "      " + k)) + "\n";

    [Fact]
    public void A_program_without_user_runs_as_the_restarter_with_nothing_limited()
    {
        var program = Program("startup_grace: 1s");

        Assert.Null(program.Identity);
        Assert.Null(program.Umask);
        Assert.Equal(ResourceLimits.None, program.Limits);
    }

    [Fact]
    public void A_user_name_resolves_to_its_uid_primary_group_home_and_shell()
    {
        var identity = Program("user: nobody").Identity;

        Assert.Equal(new ProgramIdentity("nobody", 65534, 65534, identity!.Groups, "/nonexistent", "/usr/sbin/nologin"), identity);
        Assert.Equal([65534u], identity.Groups);
    }

    [Fact]
    public void A_uid_of_a_known_user_is_that_user()
    {
        var identity = Program("user: 0").Identity!;

        Assert.Equal(("root", 0u, 0u, "/root"), (identity.UserName, identity.Uid, identity.Gid, identity.Home));
    }

    [Fact]
    public void A_uid_without_a_passwd_entry_is_accepted_with_its_own_number_as_group()
    {
        var identity = Program("user: 4000123").Identity!;

        Assert.Equal(new ProgramIdentity("4000123", 4000123, 4000123, identity.Groups, "/", "/usr/sbin/nologin"), identity);
        Assert.Equal([4000123u], identity.Groups);
    }

    [Fact]
    public void A_group_replaces_the_primary_and_supplementary_groups()
    {
        var named = Program("user: root\ngroup: nogroup").Identity!;
        var numbered = Program("user: nobody\ngroup: 4242").Identity!;

        Assert.Equal((0u, 65534u, "65534"), (named.Uid, named.Gid, string.Join(',', named.Groups)));
        Assert.Equal((65534u, 4242u, "4242"), (numbered.Uid, numbered.Gid, string.Join(',', numbered.Groups)));
    }

    [Fact]
    public void An_unknown_user_or_group_is_an_error_at_its_value()
    {
        Assert.Contains(Errors("user: no-such-user-xq7"), l => l.StartsWith("/tmp/w.yaml:5:13: program 'api'.user 'no-such-user-xq7' is not a user on this host", StringComparison.Ordinal));
        Assert.Contains(Errors("user: nobody\ngroup: no-such-group-xq7"), l => l.StartsWith("/tmp/w.yaml:6:14: program 'api'.group 'no-such-group-xq7' is not a group on this host", StringComparison.Ordinal));
    }

    [Fact]
    public void A_group_without_a_user_is_an_error()
    {
        Assert.Contains(Errors("group: nogroup"), l => l.StartsWith("/tmp/w.yaml:5:14: program 'api'.group is set without user", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"0027\"", 0x17u)]
    [InlineData("'077'", 0x3Fu)]
    [InlineData("\"0000\"", 0u)]
    public void A_quoted_octal_umask_is_read_as_octal(string value, uint expected)
    {
        Assert.Equal(expected, Program("umask: " + value).Umask);
    }

    [Theory]
    [InlineData("0027", "must be a quoted string")]
    [InlineData("\"27\"", "is not a umask")]
    [InlineData("\"0828\"", "is not a umask")]
    [InlineData("\"1777\"", "is not a umask")]
    [InlineData("\"00277\"", "is not a umask")]
    public void A_umask_that_is_not_quoted_octal_is_an_error(string value, string expected)
    {
        var error = Assert.Single(Errors("umask: " + value));

        Assert.StartsWith("/tmp/w.yaml:5:14: program 'api'.umask", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Limits_read_counts_sizes_unlimited_and_a_cpu_percentage()
    {
        var limits = Program("limits: { nofile: 65536, nproc: unlimited, core: 0, memory: 512MiB, tasks: 64, cpu: 150% }").Limits;

        Assert.Equal(new ResourceLimits(65536, ulong.MaxValue, 0, 512UL << 20, 64, 150), limits);
        Assert.True(limits.HasTreeLimits);
    }

    [Theory]
    [InlineData("memory: 1GiB", 1UL << 30)]
    [InlineData("memory: 1G", 1UL << 30)]
    [InlineData("memory: 64K", 64UL << 10)]
    [InlineData("memory: 1000000", 1000000UL)]
    [InlineData("memory: max", ulong.MaxValue)]
    [InlineData("memory: unlimited", ulong.MaxValue)]
    [InlineData("core: 1MiB", 1UL << 20)]
    [InlineData("core: unlimited", ulong.MaxValue)]
    public void Sizes_take_binary_units_and_unlimited(string entry, ulong expected)
    {
        var limits = Program($"limits: {{ {entry} }}").Limits;

        Assert.Equal(expected, entry.StartsWith("memory", StringComparison.Ordinal) ? limits.MemoryBytes : limits.Core);
    }

    [Theory]
    [InlineData("nofile: unlimited", "nofile cannot be unlimited")]
    [InlineData("nofile: 0", "nofile '0' must be a whole number of at least 1")]
    [InlineData("nproc: 1MiB", "nproc '1MiB' must be a whole number")]
    [InlineData("memory: lots", "memory 'lots' must be a size")]
    [InlineData("memory: 99999999999TiB", "memory '99999999999TiB' must be a size")]
    [InlineData("tasks: -1", "tasks '-1' must be a whole number")]
    [InlineData("cpu: 150", "cpu '150' must be a percentage of one core")]
    [InlineData("cpu: 0%", "cpu '0%' must be a percentage")]
    [InlineData("swap: 1G", "unknown key 'swap' in program 'api'.limits")]
    public void A_bad_limit_is_an_error_at_its_place(string entry, string expected)
    {
        var error = Assert.Single(Errors($"limits:\n  {entry}"));

        Assert.StartsWith("/tmp/w.yaml:6:", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
