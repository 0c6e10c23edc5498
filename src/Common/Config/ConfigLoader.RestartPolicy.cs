using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Watchdog.Common.Config;

// A program's `restart:` and `success_exit_codes:` (DESIGN.md §4.6): which exits are problems at all.
internal sealed partial class ConfigLoader
{
    private static readonly IReadOnlyList<int> DefaultSuccessExitCodes = [0];

    private RestartWhen ReadRestart(Map map, string label)
    {
        if (Scalar(map, "restart", $"{label}.restart") is not { } node)
        {
            return RestartWhen.Always;
        }

        switch (node.Value)
        {
            case "always":
                return RestartWhen.Always;
            case "on-failure":
                return RestartWhen.OnFailure;
            case "never":
                return RestartWhen.Never;
            default:
                Error(node, $"{label}.restart '{node.Value}' is not a restart policy; write always, on-failure or never");
                return RestartWhen.Always;
        }
    }

    private IReadOnlyList<int> ReadSuccessExitCodes(Map map, string label)
    {
        var node = Get(map, "success_exit_codes");
        if (IsNull(node))
        {
            return DefaultSuccessExitCodes;
        }

        var where = $"{label}.success_exit_codes";
        if (node is not YamlSequenceNode sequence || sequence.Children.Count == 0)
        {
            Error(node, $"{where} must be a non-empty list of exit codes, e.g. [0, 2]");
            return DefaultSuccessExitCodes;
        }

        var codes = new List<int>();
        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode { Value: var text } && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code <= 255)
            {
                if (!codes.Contains(code))
                {
                    codes.Add(code);
                }
            }
            else
            {
                Error(item, $"{where}: '{(item as YamlScalarNode)?.Value ?? "(a list or mapping)"}' is not an exit code; write a whole number from 0 to 255");
            }
        }

        return codes.Count > 0 ? codes : DefaultSuccessExitCodes;
    }
}
