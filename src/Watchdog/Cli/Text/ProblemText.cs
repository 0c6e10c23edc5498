using Watchdog.Cli.Views;
using Watchdog.Common.Protocol;

namespace Watchdog.Cli.Text;

// An open or solved problem for a person: a headline with its timings, then every report line.
internal static class ProblemText
{
    public static void Write(ProblemView problem, DateTimeOffset now, Style style, TextWriter output)
    {
        var facts = new List<string>();
        facts.Add(problem.Solved ? $"first noticed {ProblemLine.Timestamp(problem.FirstNoticed)}" : $"open for {HumanDuration.Format(now - problem.FirstNoticed)}");
        if (problem.TimeToDetect is { } detect)
        {
            facts.Add($"detected after {HumanDuration.Format(detect)} of silence");
        }

        if (problem.TimeToSolve is { } solve)
        {
            facts.Add($"solved in {HumanDuration.Format(solve)}");
        }

        output.WriteLine($"{style.Paint(problem.Name, problem.Solved ? Tone.Strong : Tone.Bad)}  {string.Join(", ", facts)}");
        foreach (var line in problem.Lines)
        {
            output.WriteLine("    " + (line.At is { } at ? style.Paint(ProblemLine.Timestamp(at), Tone.Dim) + " " + Printable.Escape(line.Summary) : Printable.Escape(line.Raw)));
        }
    }
}
