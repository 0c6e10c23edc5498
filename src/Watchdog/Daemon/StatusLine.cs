using System.Globalization;
using Watchdog.Detector;

namespace Watchdog.Daemon;

// The one-line summary systemd shows in `systemctl status` (STATUS=).
internal static class StatusLine
{
    public static string Format(ScanSummary summary) => string.Create(
        CultureInfo.InvariantCulture,
        $"{summary.Hearts} {(summary.Hearts == 1 ? "heart" : "hearts")}, {summary.Problems} {(summary.Problems == 1 ? "problem" : "problems")}");
}
