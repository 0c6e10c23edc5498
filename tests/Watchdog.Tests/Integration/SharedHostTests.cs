using System.Text;
using Watchdog.Common.Interop;
using Watchdog.Common.Processes;

namespace Watchdog.Tests.Integration;

// The real watchdog daemon on a host it shares: another daemon on the same root, signals an operator sends, a
// notify socket nobody reads, output nobody reads. Every process started here is killed in Dispose.
public sealed class SharedHostTests : IDisposable
{
    private readonly DaemonRoot root = new();

    [Fact]
    public async Task Second_watchdog_on_the_same_root_exits_75_naming_the_first_ones_pid()
    {
        var first = root.Start("watchdog: { max_interval: 200ms }");
        await Poll.UntilAsync(() => File.Exists(root.Layout.Heart("watchdog")), "the first watchdog to beat");

        var second = root.Own(DaemonProcess.Run("watchdog", root.Config));

        Assert.Equal(75, await second.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains($"another watchdog daemon (pid {first.Pid}) already runs on the root {root.Layout.Root}", second.Output, StringComparison.Ordinal);
        Assert.False(first.HasExited);
    }

    [Fact]
    public async Task Lock_of_a_sigkilled_watchdog_is_free_for_the_next_one()
    {
        var first = root.Start("watchdog: { max_interval: 200ms }");
        await Poll.UntilAsync(() => File.Exists(root.Layout.Heart("watchdog")), "the first watchdog to beat");
        first.Signal(SignalNames.SIGKILL);
        await first.WaitAsync(TimeSpan.FromSeconds(30));
        File.Delete(root.Layout.Heart("watchdog"));

        var second = root.Own(DaemonProcess.Run("watchdog", root.Config));

        await Poll.UntilAsync(() => File.Exists(root.Layout.Heart("watchdog")), "the second watchdog to beat");
        Assert.Equal($"{second.Pid}\n", ReadLockFile());
    }

    [Fact]
    public async Task Symlink_in_place_of_the_lock_file_is_refused_and_never_followed()
    {
        var target = root.Temp.Combine("outside");
        File.WriteAllText(target, "untouched");
        Directory.CreateDirectory(root.Layout.State);
        File.CreateSymbolicLink(Path.Combine(root.Layout.State, "watchdog.lock"), target);

        var watchdog = root.Start("watchdog: { max_interval: 200ms }");

        Assert.Equal(75, await watchdog.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("is not a regular file", watchdog.Output, StringComparison.Ordinal);
        Assert.Equal("untouched", File.ReadAllText(target));
    }

    [Fact]
    public async Task Sighup_sigusr1_sigusr2_and_sigpipe_end_neither_the_watchdog_nor_its_beating()
    {
        var watchdog = root.Start("watchdog: { max_interval: 200ms }");
        await Poll.UntilAsync(() => File.Exists(root.Layout.Heart("watchdog")), "the watchdog to beat");

        foreach (var signal in (int[])[SignalNames.SIGHUP, SignalNames.SIGUSR1, SignalNames.SIGUSR2, SignalNames.SIGPIPE])
        {
            watchdog.Signal(signal);
        }

        await watchdog.OutputAsync("SIGHUP received: reloading the config");
        await watchdog.OutputAsync("Config reloaded");
        await watchdog.OutputAsync("SIGUSR1 received");
        await watchdog.OutputAsync("SIGUSR2 received");
        await HeartMovesAsync(root.Layout.Heart("watchdog"));
        Assert.False(watchdog.HasExited);
    }

    [Fact]
    public async Task Watchdog_with_standard_output_and_error_closed_keeps_marking()
    {
        root.Write("watchdog: { max_interval: 200ms }");
        root.Own(DaemonProcess.RunWithOutputClosed("watchdog", root.Config));
        await Poll.UntilAsync(() => File.Exists(root.Layout.Heart("watchdog")), "the watchdog to beat");

        File.WriteAllText(root.Layout.Heart("api"), "0.3");

        await Poll.UntilAsync(() => File.Exists(root.Layout.Problem("api")), "problems/api");
        await HeartMovesAsync(root.Layout.Heart("watchdog"));
    }

    [Fact]
    public async Task Unread_notify_socket_stops_neither_marking_nor_escalation_and_is_reported_once()
    {
        var path = root.Temp.Combine("unread.sock");
        using var unread = new UnreadSocket(path);
        var escalated = root.Temp.Combine("escalated");
        Directory.CreateDirectory(root.Layout.Hearts);
        File.WriteAllText(root.Layout.Heart("api"), "0.5");

        var watchdog = root.Start($"watchdog: {{ max_interval: 200ms, escalate_after: 1s, escalate: [/bin/sh, -c, 'touch {escalated}'] }}", path, watchdogUsec: 100_000);

        await Poll.UntilAsync(() => File.Exists(root.Layout.Problem("api")), "problems/api despite the full notify socket");
        await Poll.UntilAsync(() => File.Exists(escalated), "the escalation despite the full notify socket");
        Assert.Equal(1, Occurrences(watchdog.Output, "dropping notifications"));
    }

    public void Dispose() => root.Dispose();

    // The heart's mtime moves after this call: the loop beats (at least once per second for its 10s timeout).
    private static async Task HeartMovesAsync(string heart)
    {
        var before = File.GetLastWriteTimeUtc(heart);
        await Poll.UntilAsync(() => File.GetLastWriteTimeUtc(heart) > before, "the own heart to be beaten again");
    }


    // The BCL's File.ReadAllText takes a shared flock, which the daemon's exclusive one refuses: read it raw.
    private string ReadLockFile()
    {
        Span<byte> buffer = stackalloc byte[64];
        var path = Encoding.UTF8.GetBytes(Path.Combine(root.Layout.State, "watchdog.lock") + "\0");
        Assert.Equal(FileResult.Ok, NativeMethods.ReadHead(path, buffer, out var read));
        return Encoding.ASCII.GetString(buffer[..read]);
    }

    private static int Occurrences(string text, string fragment) => text.Split(fragment).Length - 1;



}
