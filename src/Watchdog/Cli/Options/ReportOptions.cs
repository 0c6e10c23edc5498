using System.CommandLine;
using Watchdog.Cli.Text;

namespace Watchdog.Cli.Options;

// The options of the verbs that report what is on disk (status, problems, history): where to read, and how to
// print it (--json, or text coloured as --color and the terminal say).
internal sealed class ReportOptions
{
    private readonly Option<bool> json = VerbOptions.Json();
    private readonly Option<string> color = Text.Style.Option();

    private ReportOptions(RootOptions roots)
    {
        Roots = roots;
    }

    public RootOptions Roots { get; }

    public static ReportOptions AddTo(Command command)
    {
        var options = new ReportOptions(RootOptions.AddTo(command));
        command.Options.Add(options.json);
        command.Options.Add(options.color);
        return options;
    }

    public bool Json(ParseResult parse) => parse.GetValue(json);

    public Style Style(ParseResult parse, TextWriter output, CliEnvironment environment) =>
        Text.Style.For(parse.GetValue(color)!, output, environment);
}
