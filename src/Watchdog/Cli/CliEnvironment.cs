namespace Watchdog.Cli;

// What the operator verbs take from the machine, replaceable in tests: the clock, environment variables,
// and whether a writer is a terminal (colour and alignment only for a person, never for a pipe).
internal sealed record CliEnvironment(TimeProvider Time, Func<string, string?> Variable, Func<TextWriter, bool> IsTerminal)
{
    public static CliEnvironment System { get; } = new(
        TimeProvider.System,
        Environment.GetEnvironmentVariable,
        writer => ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected);

    // Who asks, for the records left on disk: the person behind sudo rather than root.
    public string User() => Variable("SUDO_USER") is { Length: > 0 } sudoUser ? sudoUser : Environment.UserName;
}
