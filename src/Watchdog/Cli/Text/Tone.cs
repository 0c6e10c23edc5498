namespace Watchdog.Cli.Text;

// What a piece of output means, which a terminal shows in colour.
internal enum Tone
{
    Plain,
    Strong,
    Dim,
    Good,
    Warn,
    Bad,
}
