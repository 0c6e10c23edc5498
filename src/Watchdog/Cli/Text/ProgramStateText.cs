using System.Globalization;
using Watchdog.Cli.Views;
using Watchdog.Common.Protocol;

namespace Watchdog.Cli.Text;

// The STATE cell of `status`: the condition's words with what a person needs next (how many restarts, when
// SIGKILL follows, when it comes back).
internal static class ProgramStateText
{
    public static string Of(ProgramView program, DateTimeOffset now)
    {
        var words = ProgramConditionText.Words(program.Condition);
        var state = program.State;
        return program.Condition switch
        {
            ProgramCondition.Backoff or ProgramCondition.GivenUp when state?.NextLaunchAt is { } next => next >= now
                ? $"{words} (next launch in {HumanDuration.Format(next - now)})"
                : $"{words} (next launch overdue by {HumanDuration.Format(now - next)})",
            ProgramCondition.Flapping => string.Create(CultureInfo.InvariantCulture, $"flapping ({program.RestartsInWindow} restarts in {Duration.Format(program.FlapWindow)})"),
            ProgramCondition.Killing when state?.StopSignalSentAt is { } sent => Killing(state.StopSignal ?? "the stop signal", sent, program.KillAt, now),
            ProgramCondition.ShutDown when state?.ShutDownAt is { } at => $"stopped (restarter shut down at {Clock.Format(at)})",
            ProgramCondition.Done when state?.DoneAt is { } at => $"done ({state.LastProblem ?? "exited"} at {Clock.Format(at)})",
            ProgramCondition.Unknown when program.Error is not null => "unreadable state",
            _ => words,
        };
    }

    // `stopping (SIGTERM sent 1.2 s ago, SIGKILL in 1.8 s)`, or `…, SIGKILL due 0.3 s ago` once the grace is over.
    private static string Killing(string signal, DateTimeOffset sent, DateTimeOffset? killAt, DateTimeOffset now)
    {
        var then = killAt is not { } at ? ""
            : at >= now ? $", SIGKILL in {Seconds(at - now)}"
            : $", SIGKILL due {Seconds(now - at)} ago";
        return $"stopping ({signal} sent {Seconds(now - sent)} ago{then})";
    }

    public static string Seconds(TimeSpan value) => Math.Max(0, value.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
