using Watchdog.Cli.Views;
using Watchdog.Common.Processes;
using Watchdog.Common.State;

namespace Watchdog.Cli.Reading;

// Every program the config names or the restarter has state for, with its down/ flag and liveness.
internal static class ProgramReader
{
    public static IReadOnlyList<ProgramView> ReadAll(OperatorRoot root, DateTimeOffset now, ICollection<string> errors)
    {
        var store = new StateStore(root.Layout);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var program in root.Config?.Restarter.Programs ?? [])
        {
            names.Add(program.Name);
        }

        names.UnionWith(ProtocolDirectory.Names(root.Layout.State, errors, IsStateFile).Select(f => f[..^StateStore.Extension.Length]));
        var down = ProtocolDirectory.Names(root.Layout.Down, errors).ToHashSet(StringComparer.Ordinal);
        var windows = (root.Config?.Restarter.Programs ?? []).ToDictionary(p => p.Name, p => p.Limit.Within, StringComparer.Ordinal);
        return names.Select(name => Read(store, name, down.Contains(name), now) is var view && windows.TryGetValue(name, out var window)
            ? view with { FlapWindow = window }
            : view).ToList();
    }

    public static ProgramView Read(StateStore store, string name, bool down, DateTimeOffset now)
    {
        try
        {
            var state = store.Read(name);
            var alive = state is not null && ProcFs.IsSameProcess(state.Pid, state.PidStartTime);
            return new ProgramView(name, state, down, alive, now, null) { Usage = alive ? CgroupUsage.Read(state!.Cgroup) : null };
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            var reason = e is UnauthorizedAccessException ? $"cannot read {store.PathFor(name)}: permission denied" : e.Message;
            return new ProgramView(name, null, down, false, now, reason);
        }
    }

    private static bool IsStateFile(string file) =>
        file.EndsWith(StateStore.Extension, StringComparison.Ordinal)
        && Common.Protocol.Names.IsValid(file.AsSpan(0, file.Length - StateStore.Extension.Length));
}
