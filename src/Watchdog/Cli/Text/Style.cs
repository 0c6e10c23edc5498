using System.CommandLine;

namespace Watchdog.Cli.Text;

// Colour for a person at a terminal, plain text for pipes, files and anyone who sets NO_COLOR (no-color.org).
internal sealed class Style(bool colour)
{
    public static readonly Style Plain = new(false);

    public static Option<string> Option() => new Option<string>("--color")
    {
        Description = "Colour: auto (on a terminal unless NO_COLOR is set), always, never",
        DefaultValueFactory = _ => "auto",
        HelpName = "WHEN",
    }.AcceptOnlyFromAmong("auto", "always", "never");

    public static Style For(string choice, TextWriter output, CliEnvironment environment) => choice switch
    {
        "always" => new Style(true),
        "never" => Plain,
        _ => new Style(environment.IsTerminal(output) && environment.Variable("NO_COLOR") is not { Length: > 0 }),
    };

    public string Paint(string text, Tone tone)
    {
        if (!colour || tone == Tone.Plain || text.Length == 0)
        {
            return text;
        }

        var code = tone switch
        {
            Tone.Strong => "1",
            Tone.Dim => "2",
            Tone.Good => "32",
            Tone.Warn => "33",
            _ => "31",
        };
        return $"\e[{code}m{text}\e[0m";
    }
}
