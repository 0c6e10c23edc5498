namespace Watchdog.Detector;

// A command to run: an argv (never through a shell), extra environment variables, and how long it may take.
internal sealed record CommandRequest(IReadOnlyList<string> Argv, IReadOnlyList<KeyValuePair<string, string>> Environment, TimeSpan Timeout)
{
    public string Display => "[" + string.Join(", ", Argv) + "]";
}
