namespace Deploy.Tests;

// The outcome of one command: its exit code and everything it printed.
internal sealed record ShellResult(string Command, int ExitCode, string Output, string Error)
{
    public string Describe() => $"`{Command}` exited {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
