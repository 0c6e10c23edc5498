using Watchdog.Common.Config;

namespace Watchdog.Tests.Config;

public sealed class ConfigLoaderTests
{
    [Fact]
    public void Empty_config_gives_the_documented_defaults()
    {
        var config = ConfigLoader.Parse("", "/etc/watchdog/watchdog.yaml");

        Assert.Equal("/var/lib/watchdog", config.Root);
        Assert.Equal(TimeSpan.FromSeconds(30), config.Watchdog.DefaultTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), config.Watchdog.MaxInterval);
        Assert.Equal(TimeSpan.FromSeconds(60), config.Watchdog.EscalateAfter);
        Assert.Empty(config.Watchdog.Escalate);
        Assert.Equal("WATCHDOG_TAG", config.Restarter.TagVariable);
        Assert.Equal(1000, config.Restarter.History.Keep);
        Assert.Equal(TimeSpan.FromDays(30), config.Restarter.History.MaxAge);
        Assert.Empty(config.Restarter.Programs);
    }

    [Fact]
    public void Program_gets_defaults_and_a_heart_named_after_it()
    {
        var config = ConfigLoader.Parse(
            """
            watchdog: { default_timeout: 45s }
            restarter:
              programs:
                - name: api
                  command: [/bin/sh, -c, "sleep 1"]
            """,
            "/tmp/w.yaml");

        var api = Assert.Single(config.Restarter.Programs);
        Assert.Equal("/bin/sh", api.Executable);
        Assert.Equal([new ProgramHeartOptions("api", TimeSpan.FromSeconds(45))], api.Hearts);
        Assert.Equal(15, api.Stop.Signal);
        Assert.Equal(TimeSpan.FromSeconds(10), api.Stop.Grace);
        Assert.Equal(TimeSpan.FromMilliseconds(100), api.Backoff.Initial);
        Assert.Equal(5, api.Limit.Restarts);
    }

    [Fact]
    public void Every_error_is_reported_with_its_line_and_column()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(
            """
            root: /tmp/x
            colour: blue
            watchdog:
              default_timeout: forever
              max_interval: -1s
            restarter:
              programs:
                - name: "bad name"
                  command: [/bin/true]
                - name: ok
                  command: [/no/such/program]
                  stop: { signal: SIGNOPE }
            """,
            "/tmp/w.yaml"));

        var lines = e.Errors.Select(x => x.ToString()).ToList();
        Assert.Contains(lines, l => l.StartsWith("/tmp/w.yaml:2:1: unknown key 'colour'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("/tmp/w.yaml:4:20: watchdog.default_timeout 'forever' is not a duration", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("/tmp/w.yaml:5:17: watchdog.max_interval", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("/tmp/w.yaml:8:13: restarter.programs[0].name 'bad name' is not a valid name", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("/tmp/w.yaml:11:17: program 'ok'.command: '/no/such/program' is not an executable file", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("/tmp/w.yaml:12:23: program 'ok'.stop.signal 'SIGNOPE' is not a signal", StringComparison.Ordinal));
        Assert.Equal(6, e.Errors.Count);
    }

    [Fact]
    public void Broken_yaml_is_one_error_with_its_place()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("root: [unclosed\n", "/tmp/w.yaml"));

        var error = Assert.Single(e.Errors);
        Assert.Equal(2, error.Line);
        Assert.StartsWith("not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_owned_by_two_programs_is_an_error()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(
            """
            restarter:
              programs:
                - { name: a, command: [/bin/true], hearts: { shared: 10s } }
                - { name: b, command: [/bin/true], hearts: { shared: 10s } }
            """,
            "/tmp/w.yaml"));

        Assert.Contains("already belongs to program 'a'", Assert.Single(e.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reserved_and_invalid_heart_names_and_timeouts_are_errors()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(
            """
            restarter:
              programs:
                - { name: a, command: [/bin/true], hearts: { watchdog: 10s, .hidden: 10s, ok: 40d } }
            """,
            "/tmp/w.yaml"));

        Assert.Equal(3, e.Errors.Count);
    }

    [Fact]
    public void Relative_paths_are_taken_from_the_config_directory()
    {
        var config = ConfigLoader.Parse("root: ./var/demo\nlog: { file: logs/w.log }", "/srv/conf/w.yaml");

        Assert.Equal("/srv/conf/var/demo", config.Root);
        Assert.Equal("/srv/conf/logs/w.log", config.Log.File);
    }

    [Fact]
    public void A_missing_file_is_a_config_error_that_says_what_to_do()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load("/nonexistent/watchdog.yaml"));

        Assert.Contains("--config", Assert.Single(e.Errors).Message, StringComparison.Ordinal);
    }
}
