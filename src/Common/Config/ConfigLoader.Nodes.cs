using System.Globalization;
using Watchdog.Common.Protocol;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Watchdog.Common.Config;

// Typed reads of YAML nodes; each bad node adds an error and yields the default, so reading goes on.
internal sealed partial class ConfigLoader
{
    private enum DurationRule
    {
        Positive,
        NonNegative,
        HeartTimeout,
    }

    private sealed record Map(YamlMappingNode? Node, IReadOnlyDictionary<string, YamlNode> Values);

    private static readonly Map EmptyMap = new(null, new Dictionary<string, YamlNode>());

    private static YamlNode? Get(Map map, string key) => map.Values.GetValueOrDefault(key);

    private static IEnumerable<KeyValuePair<YamlNode, YamlNode>> Entries(Map map) =>
        map.Node?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>();

    private void Error(YamlNode? node, string message)
    {
        var mark = node?.Start ?? Mark.Empty;
        errors.Add(new ConfigError(file, (int)mark.Line, (int)mark.Column, message));
    }

    private static bool IsNull(YamlNode? node) =>
        node is null || (node is YamlScalarNode { Style: ScalarStyle.Plain } s && s.Value is null or "" or "~" or "null" or "Null" or "NULL");

    // A mapping whose keys must all be in allowed (any key when null); null or absent reads as empty.
    private Map Mapping(YamlNode? node, string where, IReadOnlyCollection<string>? allowed)
    {
        if (IsNull(node))
        {
            return EmptyMap;
        }

        if (node is not YamlMappingNode mapping)
        {
            Error(node, $"{where} must be a mapping of keys to values");
            return EmptyMap;
        }

        var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (allowed is not null && !allowed.Contains(key))
            {
                Error(keyNode, $"unknown key '{key}' in {where}; expected one of: {string.Join(", ", allowed)}");
            }
            else if (!values.TryAdd(key, value))
            {
                Error(keyNode, $"key '{key}' appears twice in {where}");
            }
        }

        return new Map(mapping, values);
    }

    private YamlScalarNode? Scalar(Map map, string key, string where)
    {
        var node = Get(map, key);
        if (IsNull(node))
        {
            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            return scalar;
        }

        Error(node, $"{where} must be a single value, not a list or mapping");
        return null;
    }

    private string? StringValue(Map map, string key, string where) =>
        Scalar(map, key, where) is { Value: { Length: > 0 } value } ? value : null;

    // A path; a relative one is taken relative to the config file's directory.
    private string? PathValue(Map map, string key, string where) =>
        StringValue(map, key, where) is { } value ? Path.GetFullPath(value, baseDirectory) : null;

    private TimeSpan DurationValue(Map map, string key, string where, TimeSpan fallback, DurationRule rule) =>
        IsNull(Get(map, key)) ? fallback : DurationOf(Get(map, key)!, where, fallback, rule);

    private TimeSpan DurationOf(YamlNode valueNode, string where, TimeSpan fallback, DurationRule rule)
    {
        if (valueNode is not YamlScalarNode node)
        {
            Error(valueNode, $"{where} must be a single value, not a list or mapping");
            return fallback;
        }

        if (!Duration.TryParse(node.Value, out var value))
        {
            Error(node, $"{where} '{node.Value}' is not a duration; write 250ms, 30s, 10m, 2h, 7d or a number of seconds");
            return fallback;
        }

        var problem = rule switch
        {
            DurationRule.Positive when value <= TimeSpan.Zero => "must be more than zero",
            DurationRule.NonNegative when value < TimeSpan.Zero => "must not be negative",
            DurationRule.HeartTimeout when !HeartTimeout.IsValid(value) => "must be more than zero and at most 31d",
            _ => null,
        };
        if (problem is not null)
        {
            Error(node, $"{where} {problem}");
            return fallback;
        }

        return value;
    }

    private int IntValue(Map map, string key, string where, int fallback, int min)
    {
        if (Scalar(map, key, where) is not { } node)
        {
            return fallback;
        }

        if (!int.TryParse(node.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min)
        {
            Error(node, $"{where} '{node.Value}' must be a whole number of at least {min}");
            return fallback;
        }

        return value;
    }

    // A command as an argv list (never a shell string); empty when absent.
    private List<string> Argv(Map map, string key, string where, ConfigChecks checkedBy = ConfigChecks.Executables)
    {
        var node = Get(map, key);
        if (IsNull(node))
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(node, $"{where} must be a list of arguments, e.g. [/usr/bin/systemctl, restart, x.service]; it is never run through a shell");
            return [];
        }

        var argv = new List<string>();
        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode { Value: { } value })
            {
                argv.Add(value);
            }
            else
            {
                Error(item, $"{where} entries must be plain strings");
            }
        }

        if (argv.Count == 0 || argv[0].Length == 0)
        {
            Error(node, $"{where} must name a program to run as its first entry");
            return [];
        }

        if (checks.HasFlag(checkedBy) && ResolveExecutable(argv[0], baseDirectory) is null)
        {
            Error(sequence.Children[0], $"{where}: '{argv[0]}' is not an executable file{(argv[0].Contains('/', StringComparison.Ordinal) ? "" : " on PATH")}");
        }

        return argv;
    }

    // The absolute path of an executable: relative to directory when it has a slash, else on PATH.
    internal static string? ResolveExecutable(string command, string directory)
    {
        if (command.Contains('/', StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(command, directory);
            return IsExecutableFile(full) ? full : null;
        }

        var searchPath = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        foreach (var dir in searchPath.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, command);
            if (IsExecutableFile(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsExecutableFile(string path) =>
        File.Exists(path)
        && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
