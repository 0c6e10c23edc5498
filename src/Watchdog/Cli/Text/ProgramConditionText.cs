using Watchdog.Cli.Views;

namespace Watchdog.Cli.Text;

// How a condition is written: Key for `--json` (stable), Words and Complaint for a person, Tone for the terminal.
internal static class ProgramConditionText
{
    public static string Key(ProgramCondition condition) => condition switch
    {
        ProgramCondition.Running => "running",
        ProgramCondition.Dead => "dead",
        ProgramCondition.Backoff => "backoff",
        ProgramCondition.GivenUp => "given_up",
        ProgramCondition.Stopped => "stopped",
        ProgramCondition.Stopping => "stopping",
        ProgramCondition.Starting => "starting",
        _ => "unknown",
    };

    public static string Words(ProgramCondition condition) => condition switch
    {
        ProgramCondition.Dead => "dead (pid gone)",
        ProgramCondition.GivenUp => "given up",
        _ => Key(condition),
    };

    // For the verdict line: `2 programs in backoff`.
    public static string Complaint(ProgramCondition condition) => condition switch
    {
        ProgramCondition.Backoff => "in backoff",
        ProgramCondition.Unknown => "without readable state",
        _ => Words(condition),
    };

    public static Tone Tone(ProgramCondition condition) => condition switch
    {
        ProgramCondition.Running => Text.Tone.Good,
        ProgramCondition.Stopped => Text.Tone.Dim,
        ProgramCondition.Stopping or ProgramCondition.Starting or ProgramCondition.Backoff => Text.Tone.Warn,
        _ => Text.Tone.Bad,
    };
}
