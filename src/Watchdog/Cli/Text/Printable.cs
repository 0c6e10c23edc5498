using System.Globalization;
using System.Text;

namespace Watchdog.Cli.Text;

// Text from the file system (names, paths, report lines) as the CLI prints it: control characters become escapes
// (`\n`, `\t`, `\x1b`), so a hostile file name or line can neither forge an output line nor drive the terminal.
internal static class Printable
{
    public static string Escape(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\n' => escaped.Append(@"\n"),
                '\r' => escaped.Append(@"\r"),
                '\t' => escaped.Append(@"\t"),
                _ when char.IsControl(c) => escaped.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }
}
