using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Watchdog.Common.Hosting;

// sd_notify(3) without libsystemd: one datagram per state change to $NOTIFY_SOCKET, whoever the parent is.
// Microsoft.Extensions.Hosting.Systemd only activates when the parent is systemd and never sends WATCHDOG=1,
// so both daemons use this instead.
internal sealed class SdNotifier : IDisposable
{
    private readonly Socket socket;
    private readonly UnixDomainSocketEndPoint endPoint;

    // The OS seam: tests pass the path of their own datagram socket.
    internal SdNotifier(string socketPath, TimeSpan? watchdogInterval)
    {
        // A leading '@' names a socket in the abstract namespace (sd_notify(3)).
        endPoint = new UnixDomainSocketEndPoint(socketPath[0] == '@' ? "\0" + socketPath[1..] : socketPath);
        socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        WatchdogInterval = watchdogInterval;
    }

    // How often WATCHDOG=1 must be sent: half of $WATCHDOG_USEC, as sd_watchdog_enabled(3) advises; null when off.
    public TimeSpan? WatchdogInterval { get; }

    // A notifier for $NOTIFY_SOCKET, or null when it is not set (not under systemd: nothing to tell).
    public static SdNotifier? FromEnvironment()
    {
        var path = Environment.GetEnvironmentVariable("NOTIFY_SOCKET");
        return string.IsNullOrEmpty(path) ? null : new SdNotifier(path, ReadWatchdogInterval());
    }

    // Sends one notification (e.g. "READY=1", "WATCHDOG=1", "STATUS=..."); false when it could not be delivered.
    public bool Notify(string state)
    {
        try
        {
            socket.SendTo(Encoding.UTF8.GetBytes(state), SocketFlags.None, endPoint);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose() => socket.Dispose();

    private static TimeSpan? ReadWatchdogInterval()
    {
        var pid = Environment.GetEnvironmentVariable("WATCHDOG_PID");
        if (!string.IsNullOrEmpty(pid) && pid != Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
        {
            return null;
        }

        return long.TryParse(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), NumberStyles.None, CultureInfo.InvariantCulture, out var usec) && usec > 0
            ? TimeSpan.FromMicroseconds(usec / 2.0)
            : null;
    }
}
