namespace Watchdog.Restarter.Processes;

// ExitCode/Signal: how the hook ended (both null when it was not started or timed out);
// StartError: why it could not start.
internal sealed record HookResult(int? ExitCode, int? Signal, bool TimedOut, TimeSpan Elapsed, string? StartError)
{
    public bool Succeeded => ExitCode == 0;

    public string Describe() =>
        StartError is not null ? $"could not start: {StartError}"
        : TimedOut ? $"killed after the {Seconds(Elapsed)} timeout"
        : new ChildExit(0, ExitCode, Signal).Describe() + $" after {Seconds(Elapsed)}";

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + "s";
}
