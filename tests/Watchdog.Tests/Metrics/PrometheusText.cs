using System.Globalization;
using System.Text.RegularExpressions;

namespace Watchdog.Tests.Metrics;

// A strict parser of the Prometheus text exposition format 0.0.4 (as node_exporter's textfile collector reads it):
// it throws FormatException on anything the format does not allow, so a test that parses output checks it.
internal static partial class PrometheusText
{
    internal sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    internal sealed record Family(string Name, string Type, string Help, List<Sample> Samples);

    public static IReadOnlyDictionary<string, Family> Parse(string text)
    {
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            throw new FormatException("the exposition must end with a line feed");
        }

        var families = new Dictionary<string, Family>(StringComparer.Ordinal);
        var series = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length - 1; i++)
        {
            var line = lines[i];
            var where = $"line {i + 1} '{line}'";
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                var meta = MetaLine().Match(line);
                if (!meta.Success)
                {
                    continue;
                }

                var name = meta.Groups["name"].Value;
                if (!families.TryGetValue(name, out var family))
                {
                    family = new Family(name, "", "", []);
                    families.Add(name, family);
                }
                else if (family.Samples.Count > 0 || current != name)
                {
                    throw new FormatException($"{where}: metadata for {name} after its samples or away from its family");
                }

                current = name;
                if (meta.Groups["kind"].Value == "TYPE")
                {
                    var type = meta.Groups["rest"].Value;
                    if (family.Type != "" || type is not ("counter" or "gauge" or "histogram" or "summary" or "untyped"))
                    {
                        throw new FormatException($"{where}: a second or unknown TYPE");
                    }

                    families[name] = family with { Type = type };
                }
                else
                {
                    if (family.Help != "")
                    {
                        throw new FormatException($"{where}: a second HELP");
                    }

                    families[name] = family with { Help = meta.Groups["rest"].Value };
                }

                continue;
            }

            var sample = ParseSample(line, where);
            if (!families.TryGetValue(sample.Name, out var owner))
            {
                owner = new Family(sample.Name, "untyped", "", []);
                families.Add(sample.Name, owner);
            }
            else if (current != sample.Name)
            {
                throw new FormatException($"{where}: the samples of {sample.Name} are not together");
            }

            current = sample.Name;
            var key = sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)) + "}";
            if (!series.Add(key))
            {
                throw new FormatException($"{where}: duplicate series {key}");
            }

            if (owner.Type == "counter" && (sample.Value < 0 || !sample.Name.EndsWith("_total", StringComparison.Ordinal)))
            {
                throw new FormatException($"{where}: a counter must be named *_total and never negative");
            }

            owner.Samples.Add(sample);
        }

        return families;
    }

    private static Sample ParseSample(string line, string where)
    {
        var match = SampleLine().Match(line);
        if (!match.Success)
        {
            throw new FormatException($"{where}: not a sample line");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = match.Groups["labels"].Value;
        while (rest.Length > 0)
        {
            var label = LabelPair().Match(rest);
            if (!label.Success)
            {
                throw new FormatException($"{where}: bad label list");
            }

            var value = Regex.Replace(label.Groups["value"].Value, @"\\(.)", m => m.Groups[1].Value switch
            {
                "n" => "\n",
                "\\" => "\\",
                "\"" => "\"",
                _ => throw new FormatException($"{where}: bad escape"),
            });
            if (!labels.TryAdd(label.Groups["name"].Value, value))
            {
                throw new FormatException($"{where}: a label twice");
            }

            rest = rest[label.Length..];
        }

        var text = match.Groups["value"].Value;
        var number = text switch
        {
            "NaN" => double.NaN,
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw new FormatException($"{where}: bad value"),
        };
        return new Sample(match.Groups["name"].Value, labels, number);
    }

    [GeneratedRegex(@"^# (?<kind>HELP|TYPE) (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?<rest>.*)$")]
    private static partial Regex MetaLine();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)( -?\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(\\.|[^""\\])*)"",?")]
    private static partial Regex LabelPair();
}
