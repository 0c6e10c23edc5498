using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Watchdog.Common.Hosting;

// sd_notify(3) without libsystemd: one datagram per state change to $NOTIFY_SOCKET, whoever the parent is.
// Microsoft.Extensions.Hosting.Systemd's notifier can send WATCHDOG=1, but it only activates when the parent is
// systemd and never reads $WATCHDOG_USEC (how often to send it), so both daemons use this instead.
//
// The socket never blocks (DESIGN.md §5): a notify socket nobody reads (a busy PID 1) fills up, and a blocking
// send would stall the loop whose WATCHDOG=1 it carries. A datagram that cannot go is dropped and counted; the
// drop is logged once when delivery starts failing and once when it works again, never per datagram.
internal sealed class SdNotifier : IDisposable
{
    private readonly Socket socket;
    private readonly UnixDomainSocketEndPoint endPoint;
    private readonly string socketPath;
    private readonly ILogger logger;
    // Datagrams dropped since the last one delivered.
    private long droppedSinceDelivered;

    // The OS seam: tests pass the path of their own datagram socket.
    internal SdNotifier(string socketPath, TimeSpan? watchdogInterval, ILogger logger)
    {
        // A leading '@' names a socket in the abstract namespace (sd_notify(3)).
        endPoint = new UnixDomainSocketEndPoint(socketPath[0] == '@' ? "\0" + socketPath[1..] : socketPath);
        socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { Blocking = false };
        this.socketPath = socketPath;
        this.logger = logger;
        WatchdogInterval = watchdogInterval;
    }

    // How often WATCHDOG=1 must be sent: half of $WATCHDOG_USEC, as sd_watchdog_enabled(3) advises; null when off.
    public TimeSpan? WatchdogInterval { get; }

    // A notifier for $NOTIFY_SOCKET, or null when it is not set (not under systemd: nothing to tell).
    public static SdNotifier? FromEnvironment(ILogger logger)
    {
        var path = Environment.GetEnvironmentVariable("NOTIFY_SOCKET");
        return string.IsNullOrEmpty(path) ? null : new SdNotifier(path, ReadWatchdogInterval(), logger);
    }

    // Sends one notification (e.g. "READY=1", "WATCHDOG=1", "STATUS=..."); false when it was dropped.
    public bool Notify(string state)
    {
        try
        {
            socket.SendTo(Encoding.UTF8.GetBytes(state), SocketFlags.None, endPoint);
        }
        catch (SocketException e)
        {
            if (droppedSinceDelivered++ == 0)
            {
                logger.LogWarning("Cannot notify systemd through {Socket} ({Error}): dropping notifications until it accepts them again", socketPath, e.SocketErrorCode);
            }

            return false;
        }

        if (droppedSinceDelivered > 0)
        {
            logger.LogInformation("Notifying systemd through {Socket} works again; {Dropped} notifications were dropped", socketPath, droppedSinceDelivered);
            droppedSinceDelivered = 0;
        }

        return true;
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
