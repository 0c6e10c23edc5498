using Watchdog.Restarter.Processes;

namespace Watchdog.Restarter.Supervision;

// Who claims a child's exit, in one place: the program that expects its pid (the one that launched it in this
// life of the restarter). The reaper records every exit here; the owner is woken and reads it when its pass
// runs. A child can exit before its launcher has recorded its pid, so the rule is symmetric: whichever comes
// second (the exit or the expectation) wakes the owner. An exit stays until its owner forgets the pid (its
// transition reached the disk), so a transition retried after a disk fault still sees it; exits nobody
// expects (escapees, old instances) go after a minute.
internal sealed class ExitBook(TimeProvider time)
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(1);

    private readonly Lock gate = new();
    private readonly Dictionary<int, (ChildExit Exit, long At)> exits = [];
    private readonly Dictionary<int, Action> owners = [];

    public void Add(ChildExit exit)
    {
        Action? owner;
        lock (gate)
        {
            exits[exit.Pid] = (exit, time.GetTimestamp());
            owner = owners.GetValueOrDefault(exit.Pid);
        }

        owner?.Invoke();
    }

    // The launcher of pid claims its exit; wake runs at once if the exit is already here.
    public void Expect(int pid, Action wake)
    {
        bool exited;
        lock (gate)
        {
            owners[pid] = wake;
            exited = exits.ContainsKey(pid);
        }

        if (exited)
        {
            wake();
        }
    }

    // The exit of pid, when pid is expected and has exited.
    public ChildExit? ExitOf(int pid)
    {
        lock (gate)
        {
            return pid > 0 && owners.ContainsKey(pid) && exits.TryGetValue(pid, out var entry) ? entry.Exit : null;
        }
    }

    // The owner is done with pid: its exit, if any, has been acted on.
    public void Forget(int pid)
    {
        lock (gate)
        {
            owners.Remove(pid);
            exits.Remove(pid);
        }
    }

    public void Prune()
    {
        var now = time.GetTimestamp();
        lock (gate)
        {
            foreach (var (pid, entry) in exits.ToList())
            {
                if (!owners.ContainsKey(pid) && time.GetElapsedTime(entry.At, now) > KeptFor)
                {
                    exits.Remove(pid);
                }
            }
        }
    }
}
