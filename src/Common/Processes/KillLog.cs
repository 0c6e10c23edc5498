using Microsoft.Extensions.Logging;

namespace Watchdog.Common.Processes;

// The tree killer's log events (the restarter's and the watchdog's alike).
internal static partial class KillLog
{
    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Could not send {Signal} to process {Pid}: {Result}")]
    public static partial void SignalFailed(ILogger logger, string signal, int pid, string result);
}
