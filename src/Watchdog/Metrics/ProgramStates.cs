using Watchdog.Common.Interop;
using Watchdog.Common.State;

namespace Watchdog.Metrics;

// The restarter's state files, read for metrics. One unreadable file is skipped (and described), never fatal;
// anything but a regular file is skipped before it is opened (opening a fifo would block the scan loop).
internal static class ProgramStates
{
    public static void ReadInto(StateStore store, List<ProgramState> programs, Action<string>? onUnreadable)
    {
        IReadOnlyList<string> names;
        try
        {
            names = store.Names();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            onUnreadable?.Invoke(e.Message);
            return;
        }

        Span<byte> path = stackalloc byte[NativeMethods.MaxPathBytes];
        foreach (var name in names)
        {
            var file = store.PathFor(name);
            if (!NativeMethods.TryBuildPath(Path.GetDirectoryName(file), Path.GetFileName(file), path, out var length)
                || NativeMethods.StatNoFollow(path[..(length + 1)], out var stat) != FileResult.Ok
                || stat.Kind != FileKind.Regular)
            {
                onUnreadable?.Invoke($"{file} is not a regular file");
                continue;
            }

            try
            {
                if (store.Read(name) is { } state)
                {
                    programs.Add(state);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                onUnreadable?.Invoke(e.Message);
            }
        }
    }
}
