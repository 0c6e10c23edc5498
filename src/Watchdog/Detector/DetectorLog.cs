using Microsoft.Extensions.Logging;

namespace Watchdog.Detector;

// The detector's log lines: constant templates, each logged once per change of what it reports, never every pass.
internal static partial class DetectorLog
{
    [LoggerMessage(1, LogLevel.Warning, "Heart {Heart} is silent for {Silent:0.0}s (timeout {Timeout}): opened problem {Problem}")]
    public static partial void ProblemOpened(this ILogger logger, string heart, double silent, string timeout, string problem);

    [LoggerMessage(2, LogLevel.Error, "Cannot write problem {Problem}: {Error}; retrying on the next pass")]
    public static partial void ProblemNotWritten(this ILogger logger, string problem, string error);

    [LoggerMessage(3, LogLevel.Warning, "Ignoring {Directory}/{Name}: {Reason}")]
    public static partial void EntryIgnored(this ILogger logger, string directory, string name, string reason);

    [LoggerMessage(4, LogLevel.Warning, "Heart {Heart}: {Reason}; using the default timeout {Timeout}")]
    public static partial void HeartContentBad(this ILogger logger, string heart, string reason, string timeout);

    [LoggerMessage(5, LogLevel.Information, "Heart {Heart} declares a valid timeout again ({Timeout})")]
    public static partial void HeartContentGood(this ILogger logger, string heart, string timeout);

    [LoggerMessage(6, LogLevel.Warning, "The directory {Directory} was missing; created it again")]
    public static partial void DirectoryRecreated(this ILogger logger, string directory);

    [LoggerMessage(7, LogLevel.Error, "Cannot read the directory {Directory}: {Error}")]
    public static partial void DirectoryUnreadable(this ILogger logger, string directory, string error);

    [LoggerMessage(8, LogLevel.Information, "Problem {Problem} is open (first noticed {FirstNoticed:o})")]
    public static partial void ProblemSeen(this ILogger logger, string problem, DateTimeOffset firstNoticed);

    [LoggerMessage(9, LogLevel.Information, "Problem {Problem} is no longer open")]
    public static partial void ProblemGone(this ILogger logger, string problem);

    [LoggerMessage(10, LogLevel.Warning, "Problem {Problem} unsolved for {Age:0}s: escalating with {Command}")]
    public static partial void Escalating(this ILogger logger, string problem, double age, string command);

    [LoggerMessage(11, LogLevel.Information, "Escalation for {Problem}: {Outcome}")]
    public static partial void EscalationSucceeded(this ILogger logger, string problem, string outcome);

    [LoggerMessage(12, LogLevel.Error, "Escalation for {Problem}: {Outcome}")]
    public static partial void EscalationFailed(this ILogger logger, string problem, string outcome);

    [LoggerMessage(13, LogLevel.Information, "on_problem for {Problem}: {Outcome}")]
    public static partial void HookSucceeded(this ILogger logger, string problem, string outcome);

    [LoggerMessage(14, LogLevel.Error, "on_problem for {Problem}: {Outcome}")]
    public static partial void HookFailed(this ILogger logger, string problem, string outcome);

    [LoggerMessage(15, LogLevel.Error, "Cannot append the escalation outcome to problem {Problem}: {Error}")]
    public static partial void OutcomeNotAppended(this ILogger logger, string problem, string error);
}
