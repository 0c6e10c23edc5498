using System.Text.Json;
using Watchdog.Cli.Json;
using Watchdog.Cli.Text;
using Watchdog.Cli.Views;
using Watchdog.Common;

namespace Watchdog.Cli.Verbs;

// The output `problems` and `history` share: text or the ProblemsDocument JSON, then what could not be read.
internal static class ProblemList
{
    public static void Write(OperatorRoot root, DateTimeOffset now, IReadOnlyList<ProblemView> problems, IReadOnlyList<string> errors, bool json, Style style, string none, TextWriter output)
    {
        if (json)
        {
            var document = new ProblemsDocument(JsonValues.Version, root.Root, JsonValues.Time(now), problems.Select(p => ProblemJson.From(p, now)).ToList(), errors);
            output.WriteLine(JsonSerializer.Serialize(document, CliJsonContext.Readable.ProblemsDocument));
            return;
        }

        if (problems.Count == 0)
        {
            output.WriteLine(none);
        }

        foreach (var problem in problems)
        {
            ProblemText.Write(problem, now, style, output);
        }
    }

    // Exit 0 when everything could be read, 1 (with each reason) when something could not.
    public static int Report(IReadOnlyList<string> errors, TextWriter error)
    {
        foreach (var unreadable in errors)
        {
            error.WriteLine(unreadable);
        }

        return errors.Count == 0 ? ExitCodes.Ok : ExitCodes.Unhealthy;
    }
}
