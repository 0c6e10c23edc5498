using System.Globalization;
using Watchdog.Cli.Views;

namespace Watchdog.Cli.Text;

// Below the programs table: each running program's tree as its cgroup counts it, and the configured limits a
// launch runs without (no delegated cgroup, no controller), so `status` never lets a limit look enforced when it
// is not.
internal static class ProgramCgroupText
{
    public static void Write(IReadOnlyList<ProgramView> programs, Style style, TextWriter output)
    {
        foreach (var program in programs)
        {
            if (program.Usage is { } usage && (usage.MemoryBytes is not null || usage.Tasks is not null))
            {
                var parts = new List<string>();
                if (usage.MemoryBytes is { } memory)
                {
                    parts.Add("memory " + Bytes(memory));
                }

                if (usage.Tasks is { } tasks)
                {
                    parts.Add(tasks == 1 ? "1 task" : string.Create(CultureInfo.InvariantCulture, $"{tasks} tasks"));
                }

                output.WriteLine($"  {program.Name}: tree uses {string.Join(", ", parts)} (cgroup {Printable.Escape(program.State?.Cgroup ?? "")})");
            }

            if (program.State?.UnappliedLimits is { Count: > 0 } unapplied)
            {
                output.WriteLine($"  {program.Name}: {style.Paint("limits not applied: " + Printable.Escape(string.Join("; ", unapplied)), Tone.Warn)}");
            }
        }
    }

    // 1024-based with one decimal: "812 KiB", "12.3 MiB".
    public static string Bytes(ulong bytes)
    {
        string[] units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
        var value = (double)bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes") : string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {units[unit]}");
    }
}
