using System.Globalization;

namespace Watchdog.Cli.Text;

// An absolute time for a person, beside a relative one: UTC to the second, in the ISO form the problem files use.
internal static class Clock
{
    public static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
