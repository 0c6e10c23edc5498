using System.Text.RegularExpressions;
using Watchdog.Common.Processes;
using Watchdog.Common.Protocol;

namespace Watchdog.Common.Config;

// Which environment variables the config may name: restarter.tag_variable, and the keys of a program's environment.
internal static partial class EnvironmentNames
{
    public const string Rule = "[A-Za-z_][A-Za-z0-9_]*";

    // What the restarter and watchdog put into (or take out of) the environments they launch (DESIGN.md §3, §5):
    // a program that set one of these would lie to the Heartbeat library, the sweep or systemd.
    public static readonly IReadOnlySet<string> Protocol = new HashSet<string>(StringComparer.Ordinal)
    {
        LaunchVariables.DefaultTag, LaunchVariables.Hearts, LaunchVariables.Heart, LaunchVariables.HeartTimeout, HookTag.Variable,
        HookTag.Program, HookTag.Reason, HookTag.Problem, HookTag.ProblemFile,
        "NOTIFY_SOCKET", "WATCHDOG_PID", "WATCHDOG_USEC",
    };

    // What a process's own working depends on: a tag written into one of these would break every launched program.
    private static readonly HashSet<string> System = new(StringComparer.Ordinal)
    {
        "PATH", "HOME", "USER", "LOGNAME", "SHELL", "PWD", "TMPDIR", "TZ", "LANG", "LANGUAGE", "TERM", "IFS", "ENV", "BASH_ENV",
    };

    private static readonly string[] SystemPrefixes = ["LD_", "LC_", "DOTNET_"];

    public static bool IsValid(string name) => Pattern().IsMatch(name);

    // Why name cannot be restarter.tag_variable, or null. Any WATCHDOG_ name but the default is the protocol's.
    public static string? WhyNotTagVariable(string name) =>
        !IsValid(name) ? $"is not an environment variable name ({Rule})"
        : System.Contains(name) || SystemPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal))
            ? "is a variable the process environment depends on; choose a name of your own, e.g. WATCHDOG_TAG"
        : name != LaunchVariables.DefaultTag && name.StartsWith("WATCHDOG_", StringComparison.Ordinal)
            ? "is a watchdog protocol name; use WATCHDOG_TAG or a name outside WATCHDOG_*"
        : null;

    // Why a program's environment cannot set name, or null.
    public static string? WhyNotProgramVariable(string name, string tagVariable) =>
        !IsValid(name) ? $"is not an environment variable name ({Rule})"
        : name == tagVariable ? "is the tag variable (restarter.tag_variable): the restarter sets it to tag each launch"
        : Protocol.Contains(name) ? "is set by the watchdog protocol for every launch; it cannot be overridden"
        : null;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Pattern();
}
