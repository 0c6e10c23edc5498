using Watchdog.Common.Protocol;

namespace Watchdog.Heartbeat;

// The library's argument checks, on top of the protocol's rules (Names, HeartTimeout): a timeout below 1 ms cannot
// be written in a heart file (three decimals of seconds), so the library refuses it up front.
internal static class HeartArguments
{
    public static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(1);

    public static void ValidateName(string name, string paramName)
    {
        ArgumentNullException.ThrowIfNull(name, paramName);
        if (!Names.IsValid(name))
        {
            throw new ArgumentException($"'{name}' is not a valid heart name: use {Names.Rule}.", paramName);
        }
    }

    public static void ValidateTimeout(TimeSpan timeout, string paramName)
    {
        if (!IsValidTimeout(timeout))
        {
            throw new ArgumentOutOfRangeException(paramName, timeout, "A heart's timeout must be between 1 millisecond and 31 days.");
        }
    }

    public static bool IsValidTimeout(TimeSpan timeout) => timeout >= MinTimeout && HeartTimeout.IsValid(timeout);
}
