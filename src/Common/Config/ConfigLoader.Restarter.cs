using Watchdog.Common.Protocol;
using YamlDotNet.RepresentationModel;

namespace Watchdog.Common.Config;

// The `restarter:` section and its programs.
internal sealed partial class ConfigLoader
{
    // Hearts the daemons beat for themselves (DESIGN.md §5); no program may own them.
    public static readonly IReadOnlySet<string> ReservedNames = new HashSet<string>(StringComparer.Ordinal) { DaemonHearts.Watchdog, DaemonHearts.Restarter };

    private static readonly string[] RestarterKeys = ["tag_variable", "history", "on_give_up", "on_give_up_timeout", "programs"];
    private static readonly string[] HistoryKeys = ["keep", "max_age"];
    private static readonly string[] ProgramKeys =
        ["name", "command", "directory", "environment", "hearts", "startup_grace", "stop", "backoff", "limit", "output",
         "user", "group", "umask", "limits", "environment_file", "restart", "success_exit_codes"];

    private static readonly string[] StopKeys = ["signal", "grace"];
    private static readonly string[] BackoffKeys = ["initial", "max", "reset"];
    private static readonly string[] LimitKeys = ["restarts", "within", "cool_down"];

    private static readonly Dictionary<string, int> Signals = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SIGHUP"] = 1, ["SIGINT"] = 2, ["SIGQUIT"] = 3, ["SIGKILL"] = 9, ["SIGUSR1"] = 10, ["SIGUSR2"] = 12, ["SIGTERM"] = 15,
    };

    private RestarterOptions ReadRestarter(Map map, TimeSpan defaultTimeout)
    {
        var tagVariable = Scalar(map, "tag_variable", "restarter.tag_variable")?.Value ?? LaunchVariables.DefaultTag;
        if (EnvironmentNames.WhyNotTagVariable(tagVariable) is { } why)
        {
            Error(Get(map, "tag_variable"), $"restarter.tag_variable '{tagVariable}' {why}");
            tagVariable = LaunchVariables.DefaultTag;
        }

        var history = Mapping(Get(map, "history"), "restarter.history", HistoryKeys);
        return new RestarterOptions(
            tagVariable,
            new HistoryOptions(
                IntValue(history, "keep", "restarter.history.keep", 1000, min: 1),
                DurationValue(history, "max_age", "restarter.history.max_age", TimeSpan.FromDays(30), DurationRule.Positive)),
            Argv(map, "on_give_up", "restarter.on_give_up"),
            DurationValue(map, "on_give_up_timeout", "restarter.on_give_up_timeout", TimeSpan.FromSeconds(30), DurationRule.Positive),
            ReadPrograms(Get(map, "programs"), defaultTimeout, tagVariable));
    }

    private List<ProgramOptions> ReadPrograms(YamlNode? node, TimeSpan defaultTimeout, string tagVariable)
    {
        if (IsNull(node))
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(node, "restarter.programs must be a list of programs, each a mapping with at least name and command");
            return [];
        }

        var programs = new List<ProgramOptions>();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (ReadProgram(sequence.Children[i], $"restarter.programs[{i}]", defaultTimeout, tagVariable) is { } program)
            {
                ClaimNames(sequence.Children[i], program, owners);
                programs.Add(program);
            }
        }

        return programs;
    }

    // Every problem name maps to one program: its own name and its hearts' names must be unique across programs.
    private void ClaimNames(YamlNode node, ProgramOptions program, Dictionary<string, string> owners)
    {
        foreach (var name in program.OwnedNames)
        {
            if (!owners.TryAdd(name, program.Name))
            {
                Error(node, $"program '{program.Name}': the name '{name}' already belongs to program '{owners[name]}'; program and heart names must be unique");
            }
        }
    }

    private ProgramOptions? ReadProgram(YamlNode node, string where, TimeSpan defaultTimeout, string tagVariable)
    {
        var map = Mapping(node, where, ProgramKeys);
        if (map.Node is null)
        {
            Error(node, $"{where} must be a mapping with at least name and command");
            return null;
        }

        var name = StringValue(map, "name", where + ".name");
        if (name is null)
        {
            Error(node, $"{where} has no name; add name: <program name>");
        }
        else if (!ValidName(Get(map, "name"), name, $"{where}.name"))
        {
            name = null;
        }

        var label = name is null ? where : $"program '{name}'";
        var directory = PathValue(map, "directory", $"{label}.directory");
        if (directory is not null && checks.HasFlag(ConfigChecks.Executables) && !Directory.Exists(directory))
        {
            Error(Get(map, "directory"), $"{label}.directory '{directory}' does not exist");
        }

        var command = Argv(map, "command", $"{label}.command");
        if (Get(map, "command") is null)
        {
            Error(node, $"{label} has no command; add command: [/path/to/program, arg, ...]");
        }

        var hearts = ReadHearts(Get(map, "hearts"), label, name, defaultTimeout);
        var stop = Mapping(Get(map, "stop"), $"{label}.stop", StopKeys);
        var backoff = Mapping(Get(map, "backoff"), $"{label}.backoff", BackoffKeys);
        var limit = Mapping(Get(map, "limit"), $"{label}.limit", LimitKeys);
        var (signal, signalName) = ReadSignal(stop, $"{label}.stop.signal");
        var initial = DurationValue(backoff, "initial", $"{label}.backoff.initial", TimeSpan.FromMilliseconds(100), DurationRule.NonNegative);
        var max = DurationValue(backoff, "max", $"{label}.backoff.max", TimeSpan.FromSeconds(30), DurationRule.NonNegative);
        if (initial > max)
        {
            Error(Get(backoff, "initial"), $"{label}.backoff.initial must not be more than backoff.max ({Duration.Format(max)})");
        }

        var identityKeys = ReadIdentityKeys(map, label, tagVariable);
        var restart = ReadRestart(map, label);
        var successCodes = ReadSuccessExitCodes(map, label);
        if (name is null || command.Count == 0)
        {
            return null;
        }

        return identityKeys.ApplyTo(new ProgramOptions(
            name,
            command,
            ResolveExecutable(command[0], directory ?? baseDirectory) ?? command[0],
            directory,
            ReadEnvironment(Get(map, "environment"), $"{label}.environment", tagVariable),
            hearts,
            DurationValue(map, "startup_grace", $"{label}.startup_grace", TimeSpan.FromSeconds(10), DurationRule.NonNegative),
            new StopOptions(signal, signalName, DurationValue(stop, "grace", $"{label}.stop.grace", TimeSpan.FromSeconds(10), DurationRule.NonNegative)),
            new BackoffOptions(initial, max, DurationValue(backoff, "reset", $"{label}.backoff.reset", TimeSpan.FromSeconds(60), DurationRule.Positive)),
            new LimitOptions(
                IntValue(limit, "restarts", $"{label}.limit.restarts", 5, min: 1),
                DurationValue(limit, "within", $"{label}.limit.within", TimeSpan.FromSeconds(60), DurationRule.Positive),
                DurationValue(limit, "cool_down", $"{label}.limit.cool_down", TimeSpan.FromMinutes(10), DurationRule.Positive)),
            PathValue(map, "output", $"{label}.output"))
        {
            Restart = restart,
            SuccessExitCodes = successCodes,
        });
    }

    private bool ValidName(YamlNode? node, string name, string where)
    {
        if (!Names.IsValid(name))
        {
            Error(node, $"{where} '{name}' is not a valid name: {Names.Rule}");
            return false;
        }

        if (ReservedNames.Contains(name))
        {
            Error(node, $"{where} '{name}' is reserved for the daemons' own hearts; choose another name");
            return false;
        }

        return true;
    }

    private List<ProgramHeartOptions> ReadHearts(YamlNode? node, string label, string? programName, TimeSpan defaultTimeout)
    {
        var map = Mapping(node, $"{label}.hearts", allowed: null);
        var hearts = new List<ProgramHeartOptions>();
        foreach (var (key, valueNode) in Entries(map))
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (ValidName(key, name, $"{label}.hearts key"))
            {
                hearts.Add(new ProgramHeartOptions(name, DurationOf(valueNode, $"{label}.hearts.{name}", defaultTimeout, DurationRule.HeartTimeout)));
            }
        }

        if (hearts.Count == 0 && programName is not null)
        {
            hearts.Add(new ProgramHeartOptions(programName, defaultTimeout));
        }

        return hearts;
    }

    private List<KeyValuePair<string, string>> ReadEnvironment(YamlNode? node, string where, string tagVariable)
    {
        var map = Mapping(node, where, allowed: null);
        var environment = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in Entries(map))
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (EnvironmentNames.WhyNotProgramVariable(name, tagVariable) is { } why)
            {
                Error(key, $"{where}: '{name}' {why}");
            }
            else if (value is YamlScalarNode { Value: var text })
            {
                environment.Add(new(name, text ?? ""));
            }
            else
            {
                Error(value, $"{where}.{name} must be a string");
            }
        }

        return environment;
    }

    private (int Number, string Name) ReadSignal(Map stop, string where)
    {
        if (Scalar(stop, "signal", where) is not { } node)
        {
            return (15, "SIGTERM");
        }

        var text = node.Value ?? "";
        var key = text.StartsWith("SIG", StringComparison.OrdinalIgnoreCase) ? text : "SIG" + text;
        if (Signals.TryGetValue(key, out var number))
        {
            return (number, key.ToUpperInvariant());
        }

        if (int.TryParse(text, out number) && number is > 0 and < 65)
        {
            return (number, Signals.FirstOrDefault(s => s.Value == number).Key ?? $"signal {number}");
        }

        Error(node, $"{where} '{text}' is not a signal; use SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGKILL or a number");
        return (15, "SIGTERM");
    }
}
