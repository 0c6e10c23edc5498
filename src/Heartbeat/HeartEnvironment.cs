using Watchdog.Common.Protocol;

namespace Watchdog.Heartbeat;

// The variables the restarter sets for a supervised program (DESIGN.md §3). A malformed value is a broken
// deployment, so it fails loudly at startup instead of leaving a program that silently never beats.
internal static class HeartEnvironment
{
    public static string? Directory(Func<string, string?> getVariable)
    {
        var value = getVariable(LaunchVariables.Hearts);
        return string.IsNullOrWhiteSpace(value) ? null : Path.GetFullPath(value);
    }

    public static string? Name(Func<string, string?> getVariable)
    {
        var value = getVariable(LaunchVariables.Heart);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Names.IsValid(value)
            ? value
            : throw new InvalidOperationException($"{LaunchVariables.Heart}='{value}' is not a valid heart name ({Names.Rule}).");
    }

    public static TimeSpan? Timeout(Func<string, string?> getVariable)
    {
        var value = getVariable(LaunchVariables.HeartTimeout);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return HeartTimeout.TryParse(value, out var timeout) && HeartArguments.IsValidTimeout(timeout)
            ? timeout
            : throw new InvalidOperationException($"{LaunchVariables.HeartTimeout}='{value}' is not a timeout in seconds between 0.001 and 2678400 (31 days).");
    }
}
