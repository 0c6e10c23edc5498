using Microsoft.Extensions.Logging;

namespace Watchdog.Heartbeat;

internal static partial class HeartLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Heart {Name} beats at {Path} (timeout {TimeoutSeconds}s)")]
    public static partial void Beating(ILogger logger, string name, string path, double timeoutSeconds);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Heart {Name} cannot beat at {Path}: {Reason}; the watchdog will see it as silent until it beats again")]
    public static partial void CannotBeat(ILogger logger, string name, string path, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Heart {Name} beats again at {Path}")]
    public static partial void BeatsAgain(ILogger logger, string name, string path);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Heart {Name} is not supervised ({Variable} is not set): beating it does nothing")]
    public static partial void Unsupervised(ILogger logger, string name, string variable);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "This program is not supervised ({Variable} is not set): beating its heart does nothing")]
    public static partial void UnsupervisedProgram(ILogger logger, string variable);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Heart {Name} stops beating: the health checks report {Status}")]
    public static partial void NotHealthy(ILogger logger, string name, string status);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Heart {Name} beats again: the health checks report Healthy")]
    public static partial void HealthyAgain(ILogger logger, string name);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Heart {Name} stops beating: the health checks could not run")]
    public static partial void HealthCheckFailed(ILogger logger, Exception exception, string name);
}
