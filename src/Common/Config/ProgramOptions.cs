namespace Watchdog.Common.Config;

// One entry of `restarter.programs`.
// Executable: command[0] resolved to an absolute path (through PATH when it has no slash).
// Hearts: heart name → timeout, in file order; the first is the program's main heart.
// Output: null: stdout/stderr go to the restarter's log; otherwise a file they are appended to.
// Identity: null runs the program as the restarter's own user; Umask: null inherits the restarter's (022).
// Environment already holds environment_file's entries (EnvironmentFile keeps the path for messages).
internal sealed record ProgramOptions(
    string Name,
    IReadOnlyList<string> Command,
    string Executable,
    string? Directory,
    IReadOnlyList<KeyValuePair<string, string>> Environment,
    IReadOnlyList<ProgramHeartOptions> Hearts,
    TimeSpan StartupGrace,
    StopOptions Stop,
    BackoffOptions Backoff,
    LimitOptions Limit,
    string? Output)
{
    public ProgramIdentity? Identity { get; init; }

    public uint? Umask { get; init; }

    public ResourceLimits Limits { get; init; } = ResourceLimits.None;

    public string? EnvironmentFile { get; init; }

    public RestartWhen Restart { get; init; } = RestartWhen.Always;

    public IReadOnlyList<int> SuccessExitCodes { get; init; } = [0];

    // Every problem name this program owns: its own name and its hearts' names, each once. The loader makes them
    // unique across programs, the restarter routes problems by them, `mark` accepts them.
    public IEnumerable<string> OwnedNames => Hearts.Select(h => h.Name).Prepend(Name).Distinct(StringComparer.Ordinal);
}
