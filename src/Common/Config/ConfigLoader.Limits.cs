using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Watchdog.Common.Config;

// A program's `limits:` (ResourceLimits): counts and sizes, each also `unlimited`; cpu a percentage of one core.
internal sealed partial class ConfigLoader
{
    private static readonly string[] ResourceKeys = ["nofile", "nproc", "core", "memory", "tasks", "cpu"];

    // Binary units, as systemd reads them (K = 1024); the IEC spellings are the documented ones.
    private static readonly (string Suffix, int Shift)[] SizeUnits =
        [("KiB", 10), ("MiB", 20), ("GiB", 30), ("TiB", 40), ("K", 10), ("M", 20), ("G", 30), ("T", 40), ("B", 0)];

    private enum LimitKind
    {
        Count,
        Size,
    }

    private ResourceLimits ReadLimits(YamlNode? node, string label)
    {
        var map = Mapping(node, $"{label}.limits", ResourceKeys);
        var nofile = LimitValue(map, "nofile", label, LimitKind.Count);
        if (nofile == ulong.MaxValue)
        {
            Error(Get(map, "nofile"), $"{label}.limits.nofile cannot be unlimited: the kernel caps open files at fs.nr_open; give a number, e.g. 65536");
            nofile = null;
        }

        return new ResourceLimits(
            nofile,
            LimitValue(map, "nproc", label, LimitKind.Count),
            LimitValue(map, "core", label, LimitKind.Size, min: 0),
            LimitValue(map, "memory", label, LimitKind.Size),
            LimitValue(map, "tasks", label, LimitKind.Count),
            CpuValue(map, label));
    }

    private ulong? LimitValue(Map map, string key, string label, LimitKind kind, ulong min = 1)
    {
        if (Scalar(map, key, $"{label}.limits.{key}") is not { } node)
        {
            return null;
        }

        var text = (node.Value ?? "").Trim();
        if (text is "unlimited" or "infinity" or "max")
        {
            return ulong.MaxValue;
        }

        if ((kind == LimitKind.Size ? TryParseSize(text, out var value) : TryParseCount(text, out value)) && value >= min && value != ulong.MaxValue)
        {
            return value;
        }

        var shape = kind == LimitKind.Size ? "a size (bytes, or 512MiB, 1GiB, 64K)" : "a whole number";
        Error(node, $"{label}.limits.{key} '{text}' must be {shape} of at least {min}, or unlimited");
        return null;
    }

    private static bool TryParseCount(string text, out ulong value) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static bool TryParseSize(string text, out ulong value)
    {
        foreach (var (suffix, shift) in SizeUnits)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal))
            {
                var ok = TryParseCount(text[..^suffix.Length].TrimEnd(), out var number) && number <= (ulong.MaxValue >> shift);
                value = ok ? number << shift : 0;
                return ok;
            }
        }

        return TryParseCount(text, out value);
    }

    // "150%": 100% is one core (systemd's CPUQuota=), so a program may take more than one.
    private uint? CpuValue(Map map, string label)
    {
        if (Scalar(map, "cpu", $"{label}.limits.cpu") is not { } node)
        {
            return null;
        }

        var text = (node.Value ?? "").Trim();
        if (text.EndsWith('%') && uint.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var percent) && percent is > 0 and <= 100_000)
        {
            return percent;
        }

        Error(node, $"{label}.limits.cpu '{text}' must be a percentage of one core, e.g. \"50%\" or \"150%\" (100% = one core)");
        return null;
    }
}
