using Microsoft.Extensions.Logging;

namespace Watchdog.Restarter.Processes;

// The process layer's hot or structured log events.
internal static partial class ProcessLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "{Program}: {Line}")]
    public static partial void OutputLine(ILogger logger, string program, string line);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "{Program}: its output path is not a FIFO; output of this instance is not read")]
    public static partial void NotAFifo(ILogger logger, string program);
}
