using System.Collections.Concurrent;
using Watchdog.Restarter.Processes;

namespace Watchdog.Restarter.Supervision;

// Exits that no program claimed yet. A child can exit before its launcher has recorded its pid; whichever side
// comes second (the exit pump or the launcher) takes the exit from here, so a crash right after launch is never lost.
internal sealed class ExitBook(TimeProvider time)
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<int, (ChildExit Exit, long At)> unclaimed = new();

    public void Add(ChildExit exit)
    {
        unclaimed[exit.Pid] = (exit, time.GetTimestamp());
    }

    public bool TryClaim(int pid, out ChildExit? exit)
    {
        if (pid > 0 && unclaimed.TryRemove(pid, out var entry))
        {
            exit = entry.Exit;
            return true;
        }

        exit = null;
        return false;
    }

    // Exits of escapees and of old instances are never claimed; they go after a minute.
    public void Prune()
    {
        var now = time.GetTimestamp();
        foreach (var (pid, entry) in unclaimed)
        {
            if (time.GetElapsedTime(entry.At, now) > KeptFor)
            {
                unclaimed.TryRemove(pid, out _);
            }
        }
    }
}
