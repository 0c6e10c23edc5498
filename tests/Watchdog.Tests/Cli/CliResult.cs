namespace Watchdog.Tests.Cli;

internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public bool HasEscapeCodes => Output.Contains('\e', StringComparison.Ordinal) || Error.Contains('\e', StringComparison.Ordinal);
}
