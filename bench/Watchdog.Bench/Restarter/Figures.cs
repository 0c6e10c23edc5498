using System.Globalization;

namespace Watchdog.Bench.Restarter;

// min / median / max of a series, printed as one line.
internal static class Figures
{
    public static string Summarize(string what, IReadOnlyList<double> values, string unit)
    {
        var sorted = values.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        return string.Create(CultureInfo.InvariantCulture, $"{what}: n={sorted.Count} min={sorted[0]:0.###} median={median:0.###} max={sorted[^1]:0.###} {unit}");
    }
}
