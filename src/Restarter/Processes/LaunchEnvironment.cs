using System.Collections;

namespace Watchdog.Restarter.Processes;

// The environment of a launched program or hook (DESIGN.md §3): the restarter's own without the variables
// systemd meant for the restarter alone (sd_notify(3), sd_listen_fds(3): a child that saw them would
// notify or accept in its name), overlaid with the configured ones, then the restarter's own additions.
internal static class LaunchEnvironment
{
    private static readonly string[] Removed = ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"];
    private const string ListenPrefix = "LISTEN_";

    public static List<string> Build(IDictionary inherited, params IReadOnlyList<KeyValuePair<string, string>>[] overlays)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (DictionaryEntry entry in inherited)
        {
            if (entry.Key is string name && entry.Value is string value && IsInherited(name))
            {
                Set(values, order, name, value);
            }
        }

        foreach (var overlay in overlays)
        {
            foreach (var (name, value) in overlay)
            {
                Set(values, order, name, value);
            }
        }

        return order.ConvertAll(name => $"{name}={values[name]}");
    }

    private static bool IsInherited(string name) =>
        !Removed.Contains(name, StringComparer.Ordinal) && !name.StartsWith(ListenPrefix, StringComparison.Ordinal);

    private static void Set(Dictionary<string, string> values, List<string> order, string name, string value)
    {
        if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal))
        {
            return;
        }

        if (values.TryAdd(name, value))
        {
            order.Add(name);
        }
        else
        {
            values[name] = value;
        }
    }
}
