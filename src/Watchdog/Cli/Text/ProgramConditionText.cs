using Watchdog.Cli.Views;

namespace Watchdog.Cli.Text;

// How a condition is written: Key for `--json` (stable), Words and Complaint for a person, Tone for the terminal.
// ProgramStateText adds the details (since when, until when) to Words.
internal static class ProgramConditionText
{
    public static string Key(ProgramCondition condition) => condition switch
    {
        ProgramCondition.Running => "running",
        ProgramCondition.Flapping => "flapping",
        ProgramCondition.Killing => "killing",
        ProgramCondition.Dead => "dead",
        ProgramCondition.ShutDown => "shut_down",
        ProgramCondition.Backoff => "backoff",
        ProgramCondition.GivenUp => "given_up",
        ProgramCondition.Stopped => "stopped",
        ProgramCondition.Stopping => "stopping",
        ProgramCondition.Starting => "starting",
        ProgramCondition.Done => "done",
        _ => "unknown",
    };

    public static string Words(ProgramCondition condition) => condition switch
    {
        ProgramCondition.Dead => "dead (pid gone)",
        ProgramCondition.GivenUp => "given up",
        ProgramCondition.Killing => "stopping (tree being killed)",
        ProgramCondition.ShutDown => "stopped (restarter shut down)",
        _ => Key(condition),
    };

    // For the verdict line: `2 programs in backoff`.
    public static string Complaint(ProgramCondition condition) => condition switch
    {
        ProgramCondition.Backoff => "in backoff",
        ProgramCondition.Killing => "being killed",
        ProgramCondition.ShutDown => "stopped by the restarter's shutdown",
        ProgramCondition.Unknown => "without readable state",
        _ => Words(condition),
    };

    public static Tone Tone(ProgramCondition condition) => condition switch
    {
        ProgramCondition.Running => Text.Tone.Good,
        ProgramCondition.Stopped or ProgramCondition.Done => Text.Tone.Dim,
        ProgramCondition.Stopping or ProgramCondition.Starting or ProgramCondition.Backoff or ProgramCondition.Killing => Text.Tone.Warn,
        _ => Text.Tone.Bad,
    };
}
