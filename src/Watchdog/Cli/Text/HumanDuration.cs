using System.Globalization;

namespace Watchdog.Cli.Text;

// Durations for a person: `2ms`, `31.0s`, `4m12s`, `2h13m`, `3d4h`; negative ones (a last beat in the future) with a minus.
internal static class HumanDuration
{
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            return "-" + Format(value.Negate());
        }

        var c = CultureInfo.InvariantCulture;
        return value.TotalSeconds < 1 ? value.TotalMilliseconds.ToString("0", c) + "ms"
            : value.TotalSeconds < 60 ? value.TotalSeconds.ToString("0.0", c) + "s"
            : value.TotalHours < 1 ? string.Create(c, $"{value.Minutes}m{value.Seconds:00}s")
            : value.TotalDays < 1 ? string.Create(c, $"{value.Hours}h{value.Minutes:00}m")
            : string.Create(c, $"{(int)value.TotalDays}d{value.Hours}h");
    }
}
