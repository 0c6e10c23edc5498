namespace Watchdog.Common.Config;

// One entry of `restarter.programs`.
// Executable: command[0] resolved to an absolute path (through PATH when it has no slash).
// Hearts: heart name → timeout, in file order; the first is the program's main heart.
// Output: null: stdout/stderr go to the restarter's log; otherwise a file they are appended to.
internal sealed record ProgramOptions(
    string Name,
    IReadOnlyList<string> Command,
    string Executable,
    string? Directory,
    IReadOnlyList<KeyValuePair<string, string>> Environment,
    IReadOnlyList<HeartOptions> Hearts,
    TimeSpan StartupGrace,
    StopOptions Stop,
    BackoffOptions Backoff,
    LimitOptions Limit,
    string? Output);

internal sealed record HeartOptions(string Name, TimeSpan Timeout);

// Signal: the signal number (SIGTERM = 15).
internal sealed record StopOptions(int Signal, string SignalName, TimeSpan Grace);

// Reset: after running this long without a problem the backoff starts again from Initial.
internal sealed record BackoffOptions(TimeSpan Initial, TimeSpan Max, TimeSpan Reset);

internal sealed record LimitOptions(int Restarts, TimeSpan Within, TimeSpan CoolDown);
