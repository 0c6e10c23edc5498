using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Watchdog.Common.Interop;

// The error pipe of watchdog-launch (src/Restarter/Native/watchdog-launch.c): its write end becomes the launcher's
// fd 3, which it marks close-on-exec, so the restarter reads end of file when the program was executed and one
// "STAGE:ERRNO" line when a step before it failed.
internal static unsafe partial class NativeMethods
{
    public const int LauncherErrorFd = 3;
    private const int FDupFdCloexec = 1030;
    private const int ReportBytes = 64;

    // A pipe whose write end is never fd 3 itself: a dup2 onto the same number would leave its close-on-exec flag set.
    public static bool CreateErrorPipe(out int readFd, out int writeFd)
    {
        if (!CreatePipe(out readFd, out writeFd))
        {
            return false;
        }

        if (writeFd == LauncherErrorFd)
        {
            var moved = fcntl(writeFd, FDupFdCloexec, LauncherErrorFd + 1);
            _ = CloseFd(writeFd);
            writeFd = moved;
        }

        if (writeFd < 0)
        {
            _ = CloseFd(readFd);
            readFd = -1;
            return false;
        }

        return true;
    }

    // Waits at most timeoutMilliseconds for the launcher's verdict on readFd (non-blocking, CreateErrorPipe's); the
    // caller has closed its write end. Silence until the timeout counts as started: the launcher does nothing that
    // waits, so only a stopped or starved child is that slow, and its exit is reaped like any program's.
    public static LaunchReport ReadLaunchReport(int readFd, int timeoutMilliseconds)
    {
        Span<byte> buffer = stackalloc byte[ReportBytes];
        Span<PollFd> poll = [new PollFd { Fd = readFd, Events = PollIn }];
        var length = 0;
        for (var attempts = 0; attempts < 100 && length < buffer.Length; attempts++)
        {
            if (Poll(poll, timeoutMilliseconds) == 0)
            {
                break;
            }

            var n = ReadAvailable(readFd, buffer[length..]);
            if (n == 0 || n == -2)
            {
                break;
            }

            length += Math.Max(n, 0);
        }

        return Parse(Encoding.ASCII.GetString(buffer[..length]).Trim());
    }

    private static LaunchReport Parse(string line)
    {
        if (line.Length == 0)
        {
            return LaunchReport.Started;
        }

        var colon = line.LastIndexOf(':');
        return colon > 0 && int.TryParse(line.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var errno)
            ? new LaunchReport(line[..colon], Marshal.GetPInvokeErrorMessage(errno))
            : new LaunchReport("usage", $"the launcher wrote '{line}'");
    }
}
