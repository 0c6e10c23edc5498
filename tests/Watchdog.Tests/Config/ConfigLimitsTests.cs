using System.Text;
using Watchdog.Common.Cli;
using Watchdog.Common.Config;

namespace Watchdog.Tests.Config;

// Issue 14, "bad config, bounded": whatever the file holds, the loader returns a config or config errors with a
// place (exit 78 for every verb), quickly, and never throws anything else.
public sealed class ConfigLimitsTests : IDisposable
{
    // Every section and most keys, flow and block style, comments, quotes and one non-ASCII character, so the cuts
    // below land inside every kind of token.
    private const string Sample = """
        # watchdog — sample
        root: /tmp/watchdog-sample
        log: { level: debug, file: null }
        watchdog:
          default_timeout: 30s
          max_interval: 1s
          escalate_after: 60s
          escalate: [/bin/echo, "escalate: 'now'"]
          on_problem: [/bin/true]
          metrics_file: /tmp/watchdog-sample.prom
        restarter:
          tag_variable: SAMPLE_TAG
          history: { keep: 100, max_age: 7d }
          on_give_up: [/bin/echo, gave up]
          programs:
            - name: api
              command: [/bin/sh, -c, 'sleep 1000']
              environment: { GREETING: "héllo", EMPTY: '' }
              hearts: { api: 5s, api.jobs: 1h }
              startup_grace: 2s
              stop: { signal: SIGTERM, grace: 2s }
              backoff: { initial: 100ms, max: 30s, reset: 60s }
              limit: { restarts: 5, within: 60s, cool_down: 10m }
            - name: worker
              command:
                - /bin/sh
                - -c
                - |
                  while :; do sleep 1; done
              hearts:
                worker: 10s
        """;

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void The_sample_itself_is_a_valid_config()
    {
        var config = ConfigLoader.Parse(Sample, "/tmp/w.yaml");

        Assert.Equal(2, config.Restarter.Programs.Count);
    }

    [Fact]
    public void Truncated_config_from_issue_14_is_a_config_error_with_its_place()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("a: [x\n@", "/tmp/w.yaml"));

        var error = Assert.Single(e.Errors);
        Assert.True(error.Line > 0, error.ToString());
        Assert.StartsWith("not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_on_the_truncated_config_exits_78_with_the_error()
    {
        var path = temp.Combine("w.yaml");
        File.WriteAllBytes(path, "a: [x\n@"u8.ToArray());
        var error = new StringWriter();

        var rc = ValidateCommand.Run(path, new StringWriter(), error);

        Assert.Equal(78, rc);
        Assert.Contains($"{path}:", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_cut_at_every_byte_gives_a_config_or_config_errors_and_nothing_else()
    {
        var bytes = Encoding.UTF8.GetBytes(Sample);
        var path = temp.Combine("cut.yaml");
        var failures = new List<string>();
        for (var length = 0; length <= bytes.Length; length++)
        {
            File.WriteAllBytes(path, bytes[..length]);
            try
            {
                ConfigLoader.Load(path);
            }
            catch (ConfigException e)
            {
                if (e.Errors.Count == 0)
                {
                    failures.Add($"cut at {length}: a ConfigException without errors");
                }
            }
            catch (Exception e)
            {
                failures.Add($"cut at {length}: {e.GetType().Name}: {e.Message}");
            }
        }

        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    [InlineData("- ", "")]
    public async Task Deep_nesting_is_refused_with_one_error_at_its_place(string open, string close)
    {
        var text = string.Concat(Enumerable.Repeat(open, 50_000)) + "x" + string.Concat(Enumerable.Repeat(close, 50_000));

        var e = await Task.Run(() => Assert.Throws<ConfigException>(() => ConfigLoader.Parse(text, "/tmp/w.yaml"))).WaitAsync(Poll.DefaultDeadline);

        var error = Assert.Single(e.Errors);
        Assert.Contains($"nest deeper than {ConfigLoader.MaxDepth} levels", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
        Assert.True(error.Column > ConfigLoader.MaxDepth, error.ToString());
    }

    [Fact]
    public void A_config_larger_than_the_limit_is_refused_with_the_place_of_the_limit()
    {
        var line = "# " + new string('x', 1021) + "\n";
        var text = string.Concat(Enumerable.Repeat(line, (ConfigLoader.MaxBytes / line.Length) + 2));
        var path = temp.Combine("big.yaml");
        File.WriteAllText(path, text);

        var error = Assert.Single(Assert.Throws<ConfigException>(() => ConfigLoader.Load(path)).Errors);

        Assert.Contains("larger than 1 MiB", error.Message, StringComparison.Ordinal);
        Assert.Equal((ConfigLoader.MaxBytes / line.Length) + 1, error.Line);
        Assert.Equal((ConfigLoader.MaxBytes % line.Length) + 1, error.Column);
    }

    [Fact]
    public async Task A_fifo_as_config_is_refused_without_blocking()
    {
        var path = temp.Combine("fifo.yaml");
        SpecialFiles.MakeFifo(path);

        var e = await Task.Run(() => Assert.Throws<ConfigException>(() => ConfigLoader.Load(path))).WaitAsync(Poll.DefaultDeadline);

        Assert.Contains("the config is a fifo, not a regular file", Assert.Single(e.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symlink_to_a_config_is_followed_the_config_path_is_the_administrators()
    {
        var real = temp.Combine("real.yaml");
        File.WriteAllText(real, "root: /tmp/linked\n");
        var link = temp.Combine("link.yaml");
        File.CreateSymbolicLink(link, real);

        Assert.Equal("/tmp/linked", ConfigLoader.Load(link).Root);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("PATH")]
    [InlineData("HOME")]
    [InlineData("LD_PRELOAD")]
    [InlineData("LC_ALL")]
    [InlineData("WATCHDOG_HEARTS")]
    [InlineData("WATCHDOG_HEART")]
    [InlineData("WATCHDOG_HEART_TIMEOUT")]
    [InlineData("WATCHDOG_HOOK_TAG")]
    [InlineData("WATCHDOG_CONFIG")]
    [InlineData("1TAG")]
    public void Forbidden_tag_variable_is_an_error_at_its_value(string name)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse($"restarter:\n  tag_variable: {name}\n", "/tmp/w.yaml"));

        var error = Assert.Single(e.Errors);
        Assert.Equal((2, 17), (error.Line, error.Column));
        Assert.StartsWith("restarter.tag_variable", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("WATCHDOG_TAG")]
    [InlineData("MY_TAG")]
    public void Own_or_default_tag_variable_is_accepted(string name)
    {
        Assert.Equal(name, ConfigLoader.Parse($"restarter:\n  tag_variable: {name}\n", "/tmp/w.yaml").Restarter.TagVariable);
    }

    [Theory]
    [InlineData("WATCHDOG_TAG")]
    [InlineData("WATCHDOG_HEARTS")]
    [InlineData("WATCHDOG_HEART")]
    [InlineData("WATCHDOG_HEART_TIMEOUT")]
    [InlineData("WATCHDOG_HOOK_TAG")]
    [InlineData("NOTIFY_SOCKET")]
    [InlineData("MY_TAG")]
    public void Program_environment_may_not_set_a_protocol_variable_or_the_tag_variable(string name)
    {
        var text = $"restarter:\n  tag_variable: MY_TAG\n  programs:\n    - name: api\n      command: [/bin/true]\n      environment:\n        {name}: x\n";

        var error = Assert.Single(Assert.Throws<ConfigException>(() => ConfigLoader.Parse(text, "/tmp/w.yaml")).Errors);

        Assert.Equal((7, 9), (error.Line, error.Column));
        Assert.StartsWith($"program 'api'.environment: '{name}'", error.Message, StringComparison.Ordinal);
    }
}
