using Watchdog.Common.State;

namespace Watchdog.Metrics;

// The restarter's state files, read for metrics. One unreadable file (junk, or not a regular file, which
// StateStore never opens) is skipped and described, never fatal.
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

        foreach (var name in names)
        {
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
