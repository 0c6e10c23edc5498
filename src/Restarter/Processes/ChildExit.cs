using System.Globalization;

namespace Watchdog.Restarter.Processes;

internal sealed record ChildExit(int Pid, int? ExitCode, int? Signal)
{
    public string Describe() => Signal is { } signal
        ? string.Create(CultureInfo.InvariantCulture, $"killed by signal {signal}")
        : string.Create(CultureInfo.InvariantCulture, $"exited with code {ExitCode}");
}
