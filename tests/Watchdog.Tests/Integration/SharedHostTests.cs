using System.Net.Sockets;
using Watchdog.Common.Processes;
using Watchdog.Common.Protocol;

namespace Watchdog.Tests.Integration;

// The real watchdog daemon on a host it shares: another daemon on the same root, signals an operator sends, a
// notify socket nobody reads, output nobody reads. Every process started here is killed in Dispose.
public sealed class SharedHostTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly List<IDisposable> owned = [];
    private readonly RootLayout layout;
    private readonly string config;

    public SharedHostTests()
    {
        layout = new RootLayout(temp.Combine("var"));
        config = temp.Combine("watchdog.yaml");
    }

    [Fact]
    public async Task Second_watchdog_on_the_same_root_exits_75_naming_the_first_ones_pid()
    {
        var first = Start("watchdog: { max_interval: 200ms }");
        await Poll.UntilAsync(() => File.Exists(layout.Heart("watchdog")), "the first watchdog to beat");

        var second = Own(WatchdogProcess.Run("watchdog", config));

        Assert.Equal(75, await second.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains($"another watchdog daemon (pid {first.Pid}) already runs on the root {layout.Root}", second.Output, StringComparison.Ordinal);
        Assert.False(first.HasExited);
    }

    [Fact]
    public async Task Lock_of_a_sigkilled_watchdog_is_free_for_the_next_one()
    {
        var first = Start("watchdog: { max_interval: 200ms }");
        await Poll.UntilAsync(() => File.Exists(layout.Heart("watchdog")), "the first watchdog to beat");
        first.Signal(SignalNames.SIGKILL);
        await first.WaitAsync(TimeSpan.FromSeconds(30));
        File.Delete(layout.Heart("watchdog"));

        var second = Own(WatchdogProcess.Run("watchdog", config));

        await Poll.UntilAsync(() => File.Exists(layout.Heart("watchdog")), "the second watchdog to beat");
        Assert.Equal($"{second.Pid}\n", File.ReadAllText(Path.Combine(layout.State, "watchdog.lock")));
    }

    [Fact]
    public async Task Symlink_in_place_of_the_lock_file_is_refused_and_never_followed()
    {
        var target = temp.Combine("outside");
        File.WriteAllText(target, "untouched");
        Directory.CreateDirectory(layout.State);
        File.CreateSymbolicLink(Path.Combine(layout.State, "watchdog.lock"), target);

        var watchdog = Start("watchdog: { max_interval: 200ms }");

        Assert.Equal(75, await watchdog.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("is not a regular file", watchdog.Output, StringComparison.Ordinal);
        Assert.Equal("untouched", File.ReadAllText(target));
    }

    [Fact]
    public async Task Sighup_sigusr1_sigusr2_and_sigpipe_end_neither_the_watchdog_nor_its_beating()
    {
        var watchdog = Start("watchdog: { max_interval: 200ms }");
        await Poll.UntilAsync(() => File.Exists(layout.Heart("watchdog")), "the watchdog to beat");

        foreach (var signal in (int[])[SignalNames.SIGHUP, SignalNames.SIGUSR1, SignalNames.SIGUSR2, SignalNames.SIGPIPE])
        {
            watchdog.Signal(signal);
        }

        await Poll.UntilAsync(
            () => watchdog.Output.Contains("SIGHUP received: reload is not supported yet, config unchanged", StringComparison.Ordinal)
                && watchdog.Output.Contains("SIGUSR1 received", StringComparison.Ordinal) && watchdog.Output.Contains("SIGUSR2 received", StringComparison.Ordinal),
            "the signals to be logged");
        await HeartMovesAsync(layout.Heart("watchdog"));
        Assert.False(watchdog.HasExited);
    }

    [Fact]
    public async Task Watchdog_with_standard_output_and_error_closed_keeps_marking()
    {
        Write("watchdog: { max_interval: 200ms }");
        Own(WatchdogProcess.RunWithOutputClosed("watchdog", config));
        await Poll.UntilAsync(() => File.Exists(layout.Heart("watchdog")), "the watchdog to beat");

        File.WriteAllText(layout.Heart("api"), "0.3");

        await Poll.UntilAsync(() => File.Exists(layout.Problem("api")), "problems/api");
        await HeartMovesAsync(layout.Heart("watchdog"));
    }

    [Fact]
    public async Task Unread_notify_socket_delays_neither_marking_nor_escalation()
    {
        var path = temp.Combine("unread.sock");
        using var unread = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        unread.Bind(new UnixDomainSocketEndPoint(path));
        Fill(path);
        var escalated = temp.Combine("escalated");
        Directory.CreateDirectory(layout.Hearts);
        File.WriteAllText(layout.Heart("api"), "0.5");

        var watchdog = Start($"watchdog: {{ max_interval: 200ms, escalate_after: 1s, escalate: [/bin/sh, -c, 'touch {escalated}'] }}", path, watchdogUsec: 100_000);

        await Poll.UntilAsync(() => File.Exists(layout.Problem("api")), "problems/api despite the full notify socket");
        await Poll.UntilAsync(() => File.Exists(escalated), "the escalation despite the full notify socket");
        Assert.Equal(1, Occurrences(watchdog.Output, "dropping notifications"));
    }

    public void Dispose()
    {
        foreach (var item in Enumerable.Reverse(owned))
        {
            item.Dispose();
        }

        temp.Dispose();
    }

    // The heart's mtime moves after this call: the loop beats (at least once per second for its 10s timeout).
    private static async Task HeartMovesAsync(string heart)
    {
        var before = File.GetLastWriteTimeUtc(heart);
        await Poll.UntilAsync(() => File.GetLastWriteTimeUtc(heart) > before, "the own heart to be beaten again");
    }

    // Queues datagrams until the socket's receive queue is full, so the daemon's first send finds it full.
    private static void Fill(string path)
    {
        using var sender = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { Blocking = false };
        var endPoint = new UnixDomainSocketEndPoint(path);
        for (var i = 0; i < 100_000; i++)
        {
            try
            {
                sender.SendTo("X=1"u8.ToArray(), endPoint);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock)
            {
                return;
            }
        }

        Assert.Fail("the notify socket never filled up");
    }

    private static int Occurrences(string text, string fragment) => text.Split(fragment).Length - 1;

    private void Write(string watchdogSection) =>
        File.WriteAllText(config, $"root: {layout.Root}\nlog: {{ level: debug }}\n{watchdogSection}\n");

    private WatchdogProcess Start(string watchdogSection, string? notifySocket = null, int? watchdogUsec = null)
    {
        Write(watchdogSection);
        return Own(WatchdogProcess.Run("watchdog", config, notifySocket, watchdogUsec));
    }

    private T Own<T>(T item)
        where T : IDisposable
    {
        owned.Add(item);
        return item;
    }
}
