using System.Globalization;
using Watchdog.Cli.Views;
using Watchdog.Common.Protocol;

namespace Watchdog.Cli.Text;

// `status` for a person: one screen, worst news first in the verdict, each section an aligned table.
internal static class StatusText
{
    public static void Write(StatusSnapshot snapshot, Style style, TextWriter output)
    {
        // A daemon that is not running is the first thing to know: nothing else on the screen is acted on without it.
        foreach (var daemon in snapshot.Daemons.Where(d => !d.Running))
        {
            output.WriteLine(style.Paint($"{daemon.Name}: not running ({daemon.Why})", Tone.Bad));
        }

        var verdict = snapshot.Healthy
            ? style.Paint("healthy", Tone.Good)
            : style.Paint("NOT HEALTHY: " + string.Join(", ", snapshot.Complaints()), Tone.Bad);
        output.WriteLine($"watchdog {snapshot.Root.Root} at {ProblemLine.Timestamp(snapshot.Now)}: {verdict}");
        foreach (var rejected in snapshot.RejectedConfigs)
        {
            output.WriteLine(style.Paint(rejected, Tone.Bad));
        }

        Section(output, style, "PROGRAMS", snapshot.Programs.Count, "none (no programs in the config, no restarter state)");
        if (snapshot.Programs.Count > 0)
        {
            var table = new TextTable(style).Add(Header("NAME", "STATE", "PID", "UPTIME", "RESTARTS/1H", "LAST PROBLEM → HOW IT ENDED"));
            foreach (var program in snapshot.Programs)
            {
                table.Add(
                    program.Name,
                    new Cell(ProgramStateText.Of(program, snapshot.Now), ProgramConditionText.Tone(program.Condition)),
                    program.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    program.Uptime is { } up && program.State?.LaunchedAt is { } since ? $"{HumanDuration.Format(up)} (since {Clock.Format(since)})" : "-",
                    new Cell(program.RestartsLastHour.ToString(CultureInfo.InvariantCulture), program.RestartsLastHour > 0 ? Tone.Warn : Tone.Plain),
                    LastProblem(program));
            }

            table.WriteTo(output);
            ProgramCgroupText.Write(snapshot.Programs, style, output);
        }

        Section(output, style, "HEARTS", snapshot.Hearts.Count, "none");
        if (snapshot.Hearts.Count > 0)
        {
            var table = new TextTable(style).Add(Header("NAME", "AGE", "TIMEOUT", "STATE"));
            foreach (var heart in snapshot.Hearts)
            {
                table.Add(
                    heart.Name,
                    heart.GraceLeft is { } grace ? $"grace {ProgramStateText.Seconds(grace)} left" : HumanDuration.Format(heart.Age),
                    Duration.Format(heart.Timeout) + (heart.TimeoutFromFile ? "" : " (default)"),
                    heart.Stale ? new Cell("stale", Tone.Bad) : new Cell("fresh", Tone.Good));
            }

            table.WriteTo(output);
        }

        Section(output, style, "OPEN PROBLEMS", snapshot.Problems.Count, "none");
        if (snapshot.Problems.Count > 0)
        {
            var table = new TextTable(style).Add(Header("NAME", "AGE", "FIRST REPORT"));
            foreach (var problem in snapshot.Problems)
            {
                table.Add(new Cell(problem.Name, Tone.Bad), HumanDuration.Format(snapshot.Now - problem.FirstNoticed), Printable.Escape(problem.FirstLine?.Summary ?? "(empty)"));
            }

            table.WriteTo(output);
        }
    }

    private static void Section(TextWriter output, Style style, string title, int count, string none)
    {
        output.WriteLine();
        output.WriteLine(count == 0 ? $"{style.Paint(title, Tone.Strong)}: {none}" : style.Paint(title, Tone.Strong));
    }

    private static Cell[] Header(params string[] titles) => titles.Select(t => new Cell(t, Tone.Dim)).ToArray();

    private static string LastProblem(ProgramView program) => Printable.Escape(program.Error ?? (program.State switch
        {
            { LastProblem: { } problem, LastResolution: { } resolution } => $"{problem} → {resolution}",
            { LastProblem: { } problem } => $"{problem} → (not solved yet)",
            _ => "-",
        }));
}
