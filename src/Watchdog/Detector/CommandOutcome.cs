using System.Globalization;
using Watchdog.Common.Protocol;

namespace Watchdog.Detector;

internal enum CommandEnd
{
    Exited,

    // It ran past its timeout and was killed with its whole process tree.
    TimedOut,

    NotStarted,

    // The watchdog is stopping; the command was killed.
    Cancelled,
}

// How a command ended. ExitCode is meaningful only when End is Exited; Error only when it is NotStarted.
internal sealed record CommandOutcome(CommandEnd End, int ExitCode, TimeSpan Elapsed, string? Error)
{
    public bool Succeeded => End == CommandEnd.Exited && ExitCode == 0;

    public string Describe(CommandRequest request) => End switch
    {
        CommandEnd.Exited => string.Create(CultureInfo.InvariantCulture, $"{request.Display} exited with code {ExitCode} after {Elapsed.TotalSeconds:0.0}s"),
        CommandEnd.TimedOut => $"{request.Display} was killed after its timeout of {Duration.Format(request.Timeout)}",
        CommandEnd.Cancelled => $"{request.Display} was killed because the watchdog is stopping",
        _ => $"{request.Display} could not be started: {Error}",
    };
}
