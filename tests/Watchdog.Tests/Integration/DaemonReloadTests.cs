namespace Watchdog.Tests.Integration;

// SIGHUP to the real watchdog daemon: its `watchdog:` section is reloaded, a config with errors is kept out.
public sealed class DaemonReloadTests : IDisposable
{
    private const int SIGHUP = 1;

    private readonly DaemonRoot root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public async Task Reload_applies_a_new_default_timeout_to_a_heart_whose_content_is_not_a_timeout()
    {
        Directory.CreateDirectory(root.Layout.Hearts);
        File.WriteAllText(root.Layout.Heart("api"), "not a timeout");
        var watchdog = root.Start("watchdog: { max_interval: 200ms, default_timeout: 1h }");
        await watchdog.OutputAsync("Watching");
        Assert.False(File.Exists(root.Layout.Problem("api")));

        root.Write("watchdog: { max_interval: 200ms, default_timeout: 500ms }");
        watchdog.Signal(SIGHUP);

        await watchdog.OutputAsync("Config reloaded");
        await Poll.UntilAsync(() => File.Exists(root.Layout.Problem("api")), "problems/api under the new default_timeout");
        Assert.Contains("(timeout 500ms)", File.ReadAllText(root.Layout.Problem("api")), StringComparison.Ordinal);
        Assert.False(watchdog.HasExited);
    }

    [Fact]
    public async Task Rejected_config_is_logged_with_line_and_column_told_to_systemd_and_kept_out_until_a_good_one()
    {
        var notify = root.Own(new NotifySocket(root.Temp.Combine("notify.sock")));
        var watchdog = root.Start("watchdog: { max_interval: 200ms, default_timeout: 1h }", notify.Path);
        await Poll.UntilAsync(() => notify.IndexOf("READY=1") >= 0, "READY=1");
        var rejected = Path.Combine(root.Layout.State, "watchdog.config-rejected");

        root.Write("watchdog: { max_interval: 200ms, default_timeout: soon }");
        watchdog.Signal(SIGHUP);

        await Poll.UntilAsync(() => File.Exists(rejected), "the rejected-config file");
        Assert.Matches(@"watchdog\.yaml:3:\d+: .*default_timeout", File.ReadAllText(rejected));
        await watchdog.OutputAsync("Config rejected: ");
        await Poll.UntilAsync(() => notify.Messages.Any(m => m.StartsWith("STATUS=config rejected, running the previous one: 1 error", StringComparison.Ordinal)), "STATUS= saying so");
        File.WriteAllText(root.Layout.Heart("api"), "not a timeout");
        await watchdog.OutputAsync("Watching");

        root.Write("watchdog: { max_interval: 200ms, default_timeout: 1h }");
        watchdog.Signal(SIGHUP);

        await Poll.UntilAsync(() => !File.Exists(rejected), "the rejected-config file removed by the good reload");
        Assert.False(File.Exists(root.Layout.Problem("api")));
        Assert.False(watchdog.HasExited);
    }
}
