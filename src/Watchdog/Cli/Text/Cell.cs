namespace Watchdog.Cli.Text;

// One cell of a table: its text and what it means.
internal readonly record struct Cell(string Text, Tone Tone = Tone.Plain)
{
    public static implicit operator Cell(string text) => new(text);
}
