namespace Watchdog.Heartbeat;

// The variables the restarter sets for a supervised program (DESIGN.md §3). A malformed value is a broken
// deployment, so it fails loudly at startup instead of leaving a program that silently never beats.
internal static class HeartEnvironment
{
    public const string HeartsVariable = "WATCHDOG_HEARTS";
    public const string HeartVariable = "WATCHDOG_HEART";
    public const string TimeoutVariable = "WATCHDOG_HEART_TIMEOUT";

    public static string? Directory(Func<string, string?> getVariable)
    {
        var value = getVariable(HeartsVariable);
        return string.IsNullOrWhiteSpace(value) ? null : Path.GetFullPath(value);
    }

    public static string? Name(Func<string, string?> getVariable)
    {
        var value = getVariable(HeartVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return HeartName.IsValid(value)
            ? value
            : throw new InvalidOperationException($"{HeartVariable}='{value}' is not a valid heart name (1-128 characters from A-Z, a-z, 0-9, '.', '_' and '-', starting with a letter or a digit).");
    }

    public static TimeSpan? Timeout(Func<string, string?> getVariable)
    {
        var value = getVariable(TimeoutVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return HeartFile.TryParseTimeout(value, out var timeout)
            ? timeout
            : throw new InvalidOperationException($"{TimeoutVariable}='{value}' is not a timeout in seconds between 0.001 and 2678400 (31 days).");
    }
}
