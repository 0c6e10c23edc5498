using System.Globalization;

namespace Watchdog.Common.Protocol;

// Temp files are dot-files (never a heart or a problem, DESIGN.md §2) named `.<name>.<kind>.<pid>.<random>.tmp`:
// the kind says which writer made it (restarter, watchdog, cli, heart) and the pid whether that writer still lives,
// so a daemon at start removes the temps its own kind's dead writers left and never a live writer's.
internal static class TempName
{
    private const string Suffix = ".tmp";

    public static string Format(string name, string kind) => string.Create(
        CultureInfo.InvariantCulture, $".{name}.{kind}.{Environment.ProcessId}.{Random.Shared.NextInt64():x16}{Suffix}");

    // False for anything that is not a temp name this scheme writes (a hand-made dot-file is left alone).
    public static bool TryParse(string fileName, out string kind, out int pid)
    {
        kind = string.Empty;
        pid = 0;
        if (fileName.Length < 2 || fileName[0] != '.' || !fileName.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = fileName[1..^Suffix.Length].Split('.');
        if (parts.Length < 4 || !Names.IsValid(string.Join('.', parts[..^3])))
        {
            return false;
        }

        kind = parts[^3];
        return kind.Length > 0
            && int.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out pid)
            && long.TryParse(parts[^1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _);
    }
}
