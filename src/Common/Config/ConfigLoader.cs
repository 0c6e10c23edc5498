using Serilog.Events;

namespace Watchdog.Common.Config;

// Reads the YAML config into options records, collecting every error with its line and column.
// The YAML representation model is read by hand rather than deserialized: it needs no reflection (NativeAOT),
// and it keeps the position of every node, which a deserializer loses after the first error.
internal sealed partial class ConfigLoader
{
    private static readonly string[] TopKeys = ["root", "log", "watchdog", "restarter"];
    private static readonly string[] LogKeys = ["level", "file"];
    private static readonly string[] WatchdogKeys =
        ["default_timeout", "max_interval", "escalate_after", "escalate", "escalate_timeout", "on_problem", "on_problem_timeout", "metrics_file"];

    private readonly string file;
    private readonly string baseDirectory;
    private readonly ConfigChecks checks;
    private readonly List<ConfigError> errors = [];

    private ConfigLoader(string file, ConfigChecks checks)
    {
        this.file = file;
        this.checks = checks;
        baseDirectory = Path.GetDirectoryName(Path.GetFullPath(file)) ?? "/";
    }

    // The config file to read: the --config option, else $WATCHDOG_CONFIG, else /etc/watchdog/watchdog.yaml.
    public static string ResolvePath(string? option) =>
        !string.IsNullOrEmpty(option) ? option
        : Environment.GetEnvironmentVariable("WATCHDOG_CONFIG") is { Length: > 0 } fromEnvironment ? fromEnvironment
        : WatchdogConfig.DefaultPath;

    // Loads and checks the config file; throws ConfigException with every error found.
    public static WatchdogConfig Load(string path, ConfigChecks checks = ConfigChecks.All)
    {
        return Parse(ReadText(path), path, checks);
    }

    // Parses config text; path names it in errors and anchors relative paths.
    public static WatchdogConfig Parse(string text, string path, ConfigChecks checks = ConfigChecks.All)
    {
        var loader = new ConfigLoader(path, checks);
        var config = loader.Read(text);
        return loader.errors.Count == 0 && config is not null ? config : throw new ConfigException(loader.errors);
    }

    private WatchdogConfig? Read(string text)
    {
        if (LoadYaml(text) is not { } stream)
        {
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            Error(stream.Documents[1].RootNode, "the config must be a single YAML document");
        }

        var rootNode = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        var top = Mapping(rootNode, "the config", TopKeys);
        var root = PathValue(top, "root", "root") ?? WatchdogConfig.DefaultRoot;
        var log = ReadLog(Mapping(Get(top, "log"), "log", LogKeys));
        var detector = ReadDetector(Mapping(Get(top, "watchdog"), "watchdog", WatchdogKeys));
        var restarter = ReadRestarter(Mapping(Get(top, "restarter"), "restarter", RestarterKeys), detector.DefaultTimeout);
        return new WatchdogConfig(Path.GetFullPath(file), root, log, detector, restarter);
    }

    private LogOptions ReadLog(Map map)
    {
        var level = LogEventLevel.Information;
        if (Scalar(map, "level", "log.level") is { } levelNode)
        {
            if (ParseLevel(levelNode.Value ?? "") is { } parsed)
            {
                level = parsed;
            }
            else
            {
                Error(levelNode, $"log.level '{levelNode.Value}' is not a level; use one of verbose, debug, information, warning, error, fatal");
            }
        }

        return new LogOptions(level, PathValue(map, "file", "log.file"));
    }

    private DetectorOptions ReadDetector(Map map)
    {
        var defaultTimeout = DurationValue(map, "default_timeout", "watchdog.default_timeout", TimeSpan.FromSeconds(30), DurationRule.HeartTimeout);
        return new DetectorOptions(
            defaultTimeout,
            DurationValue(map, "max_interval", "watchdog.max_interval", TimeSpan.FromSeconds(1), DurationRule.Positive),
            DurationValue(map, "escalate_after", "watchdog.escalate_after", TimeSpan.FromSeconds(60), DurationRule.Positive),
            Argv(map, "escalate", "watchdog.escalate", ConfigChecks.DetectorCommands),
            DurationValue(map, "escalate_timeout", "watchdog.escalate_timeout", TimeSpan.FromSeconds(30), DurationRule.Positive),
            Argv(map, "on_problem", "watchdog.on_problem", ConfigChecks.DetectorCommands),
            DurationValue(map, "on_problem_timeout", "watchdog.on_problem_timeout", TimeSpan.FromSeconds(30), DurationRule.Positive),
            PathValue(map, "metrics_file", "watchdog.metrics_file"));
    }

    private static LogEventLevel? ParseLevel(string text) => text.ToLowerInvariant() switch
    {
        "verbose" or "trace" => LogEventLevel.Verbose,
        "debug" => LogEventLevel.Debug,
        "information" or "info" => LogEventLevel.Information,
        "warning" or "warn" => LogEventLevel.Warning,
        "error" => LogEventLevel.Error,
        "fatal" or "critical" => LogEventLevel.Fatal,
        _ => null,
    };
}
