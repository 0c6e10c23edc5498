using Watchdog.Common.Config;

namespace Watchdog.Tests.Config;

// `restart:` and `success_exit_codes:` (DESIGN.md §4.6): defaults, values, and errors with their place.
public sealed class RestartPolicyConfigTests
{
    [Fact]
    public void Without_the_keys_every_exit_is_restarted_and_only_0_is_success()
    {
        var program = Assert.Single(Load("").Restarter.Programs);

        Assert.Equal(RestartWhen.Always, program.Restart);
        Assert.Equal([0], program.SuccessExitCodes);
    }

    [Theory]
    [InlineData("always", nameof(RestartWhen.Always))]
    [InlineData("on-failure", nameof(RestartWhen.OnFailure))]
    [InlineData("never", nameof(RestartWhen.Never))]
    public void Each_policy_is_read(string text, string expected)
    {
        var program = Assert.Single(Load($"restart: {text}").Restarter.Programs);

        Assert.Equal(Enum.Parse<RestartWhen>(expected), program.Restart);
    }

    [Fact]
    public void Success_exit_codes_are_read_in_order_without_duplicates()
    {
        var program = Assert.Single(Load("restart: on-failure\n      success_exit_codes: [0, 2, 2, 255]").Restarter.Programs);

        Assert.Equal([0, 2, 255], program.SuccessExitCodes);
    }

    [Fact]
    public void A_wrong_policy_and_wrong_codes_are_reported_together_with_line_and_column()
    {
        var e = Assert.Throws<ConfigException>(() => Load("restart: sometimes\n      success_exit_codes: [0, 256, -1, x]"));

        var lines = e.Errors.Select(x => x.ToString()).ToList();
        Assert.Contains("/tmp/w.yaml:6:16: program 'job'.restart 'sometimes' is not a restart policy; write always, on-failure or never", lines);
        Assert.Contains(lines, l => l.StartsWith("/tmp/w.yaml:7:", StringComparison.Ordinal) && l.Contains("'256' is not an exit code", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("'-1' is not an exit code", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("'x' is not an exit code", StringComparison.Ordinal));
        Assert.Equal(4, e.Errors.Count);
    }

    [Fact]
    public void An_empty_list_of_success_codes_is_an_error()
    {
        var e = Assert.Throws<ConfigException>(() => Load("success_exit_codes: []"));

        Assert.Contains("must be a non-empty list of exit codes", Assert.Single(e.Errors).Message, StringComparison.Ordinal);
    }

    private static WatchdogConfig Load(string keys) => ConfigLoader.Parse(
        $"""
        root: /tmp/policy-root
        restarter:
          programs:
            - name: job
              command: [/bin/true]
              {keys}
        """,
        "/tmp/w.yaml");
}
