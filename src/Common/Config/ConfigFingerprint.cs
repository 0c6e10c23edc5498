using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Watchdog.Common.Config;

// The launch-affecting part of a program's config (DESIGN.md §5 "Reload"), recorded in its state at each launch.
// A change to any of these keys restarts the program on reload; the policy keys (stop, backoff, limit, restart,
// success_exit_codes, startup_grace) apply live and are left out.
//
// The fingerprint is one SHA-256 digest per key ("command=1f2e…,directory=…"), not one over everything: the
// restarter that starts after a config edit has only the state on disk, and must still say which keys changed
// (`config changed: command, user`). Two fingerprints are equal exactly when no key changed.
internal static class ConfigFingerprint
{
    public static readonly IReadOnlyList<string> Keys = ["command", "directory", "environment", "user", "group", "umask", "limits", "hearts", "output"];

    // 64 bits of SHA-256 per key: a collision is not a threat here (whoever edits the config chooses it anyway).
    private const int HexPerKey = 16;

    public static string Of(ProgramOptions program)
    {
        var parts = new string[Keys.Count];
        for (var i = 0; i < Keys.Count; i++)
        {
            parts[i] = Keys[i] + "=" + Digest(Canonical(program, Keys[i]));
        }

        return string.Join(',', parts);
    }

    // The keys whose digest differs, in Keys order. A key missing on one side (a fingerprint of another version)
    // counts as changed; a null recorded fingerprint has nothing to compare and yields none.
    public static IReadOnlyList<string> Differences(string? recorded, string current)
    {
        if (recorded is null)
        {
            return [];
        }

        var before = Parse(recorded);
        var after = Parse(current);
        return Keys.Where(k => before.GetValueOrDefault(k) is not { } b || after.GetValueOrDefault(k) != b).ToList();
    }

    public static IReadOnlyList<string> Differences(ProgramOptions before, ProgramOptions after) => Differences(Of(before), Of(after));

    private static Dictionary<string, string> Parse(string fingerprint)
    {
        var digests = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in fingerprint.Split(','))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                digests[part[..equals]] = part[(equals + 1)..];
            }
        }

        return digests;
    }

    private static string Digest(string canonical) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..HexPerKey];

    // Every value is length-prefixed ("5:hello"), a null is "-": no two different configs serialize alike.
    private static string Canonical(ProgramOptions p, string key)
    {
        var text = new StringBuilder();
        switch (key)
        {
            case "command":
                Add(text, p.Executable);
                foreach (var arg in p.Command)
                {
                    Add(text, arg);
                }

                break;
            case "directory":
                Add(text, p.Directory);
                break;
            case "environment":
                // What the child sees: the last value of a name wins (LaunchEnvironment), names in ordinal order.
                var effective = new SortedDictionary<string, string>(StringComparer.Ordinal);
                foreach (var (name, value) in p.Environment)
                {
                    effective[name] = value;
                }

                foreach (var (name, value) in effective)
                {
                    Add(text, name);
                    Add(text, value);
                }

                break;
            case "user":
                Add(text, p.Identity?.UserName);
                Add(text, Number(p.Identity?.Uid));
                Add(text, p.Identity?.Home);
                Add(text, p.Identity?.Shell);
                break;
            case "group":
                Add(text, Number(p.Identity?.Gid));
                foreach (var group in (p.Identity?.Groups ?? []).Order())
                {
                    Add(text, Number(group));
                }

                break;
            case "umask":
                Add(text, Number(p.Umask));
                break;
            case "limits":
                var l = p.Limits;
                foreach (var value in (ulong?[])[l.Nofile, l.Nproc, l.Core, l.MemoryBytes, l.Tasks, l.CpuPercent])
                {
                    Add(text, Number(value));
                }

                break;
            case "hearts":
                foreach (var heart in p.Hearts)
                {
                    Add(text, heart.Name);
                    Add(text, Number((ulong)heart.Timeout.Ticks));
                }

                break;
            case "output":
                Add(text, p.Output);
                break;
        }

        return text.ToString();
    }

    private static string? Number(ulong? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static void Add(StringBuilder text, string? value) =>
        text.Append(value is null ? "-;" : string.Create(CultureInfo.InvariantCulture, $"{value.Length}:{value};"));
}
