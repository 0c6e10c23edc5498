using System.Text;
using Microsoft.Extensions.Logging;
using Watchdog.Common.Config;
using Watchdog.Common.Interop;

namespace Watchdog.Common.Processes;

// Kills a process tree as systemd's KillMode=control-group would, with the tag in /proc/PID/environ
// standing in for the cgroup ("nuke them from orbit"): the stop signal then SIGCONT (a stopped process
// only acts on a signal once continued), the grace, SIGKILL for the rest, and rescans until nothing of the
// tree is left. Every signal goes through a pidfd opened and re-checked first (same start time, still
// alive), so a pid reused by an unrelated process is never signalled.
internal sealed class TreeKiller(TimeProvider time, ILogger logger)
{
    // After the grace: how long SIGKILL rounds go on (a process in uninterruptible sleep dies late).
    private static readonly TimeSpan KillLimit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollSlice = TimeSpan.FromMilliseconds(50);

    public async Task<KillReport> KillAsync(TreeSelector selector, StopOptions stop, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var signalled = new HashSet<int>();
        var killed = new HashSet<int>();
        var denied = new HashSet<int>();
        var waiting = new List<PidFdHandle>();
        try
        {
            var graceEnd = stop.Grace;

            // A scan that finds nothing is itself the proof that nothing is left: on the crash path (the main
            // process already gone, nothing else tagged) that is the only scan, so the relaunch is not delayed.
            var provenEmpty = false;
            while (true)
            {
                var found = Open(Scan(selector), denied);
                if (found.Count == 0)
                {
                    provenEmpty = true;
                    break;
                }

                foreach (var (pid, handle) in found)
                {
                    if (Send(pid, handle, stop.Signal, denied))
                    {
                        signalled.Add(pid);
                        Send(pid, handle, SignalNames.SIGCONT, denied);
                        waiting.Add(handle);
                    }
                    else
                    {
                        handle.Dispose();
                    }
                }

                var left = graceEnd - time.GetElapsedTime(started);
                if (left <= TimeSpan.Zero || !await WaitForExitAsync(waiting, left, cancellationToken).ConfigureAwait(false))
                {
                    break;
                }
            }

            var survivors = new List<int>();
            var killStart = time.GetTimestamp();
            while (!provenEmpty)
            {
                var found = Open(Scan(selector), denied);
                if (found.Count == 0)
                {
                    break;
                }

                if (time.GetElapsedTime(killStart) > KillLimit)
                {
                    survivors.AddRange(found.Select(f => f.Pid));
                    found.ForEach(f => f.Handle.Dispose());
                    break;
                }

                foreach (var (pid, handle) in found)
                {
                    if (Send(pid, handle, SignalNames.SIGKILL, denied))
                    {
                        killed.Add(pid);
                        waiting.Add(handle);
                    }
                    else
                    {
                        handle.Dispose();
                    }
                }

                await WaitForExitAsync(waiting, TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }

            return new KillReport(stop.SignalName, stop.Grace, [.. signalled], [.. killed], [.. denied], survivors, time.GetElapsedTime(started));
        }
        finally
        {
            waiting.ForEach(h => h.Dispose());
        }
    }

    // Every live process of the tree: in the selected session, or with the tag in its environment.
    public static List<(int Pid, ulong StartTime)> Scan(TreeSelector selector)
    {
        var self = Environment.ProcessId;
        var session = SessionToSweep(selector);
        var entry = selector.TagEntry is { } tag ? Encoding.UTF8.GetBytes(tag) : null;
        var found = new List<(int, ulong)>();
        foreach (var pid in ProcFs.EnumeratePids())
        {
            // Without a session to sweep, the environment decides first: one read per process, not two.
            if (pid == self
                || (session == 0 && !HasTag(pid, entry))
                || !ProcFs.TryReadStat(pid, out var stat)
                || stat.HasExited)
            {
                continue;
            }

            if (session == 0 || stat.Session == session || HasTag(pid, entry))
            {
                found.Add((pid, stat.StartTime));
            }
        }

        return found;
    }

    private static bool HasTag(int pid, byte[]? entry) => entry is not null && ProcFs.HasEntry(pid, entry);

    // The session of the tree's first process when it leads one (the restarter launches with POSIX_SPAWN_SETSID;
    // a watchdog hook leads a session only if it called setsid itself, otherwise no session has its id), unless
    // its pid now names another process. While any process remains in a session the kernel keeps its id
    // from being reused as a pid, so a pid reused by another process means that session is empty.
    private static int SessionToSweep(TreeSelector selector) =>
        selector.SessionLeader is { } leader
        && (!ProcFs.TryReadStat(leader.Pid, out var stat) || stat.StartTime == leader.StartTime)
            ? leader.Pid
            : 0;

    private static List<(int Pid, PidFdHandle Handle)> Open(List<(int Pid, ulong StartTime)> targets, HashSet<int> denied)
    {
        var opened = new List<(int, PidFdHandle)>();
        foreach (var (pid, startTime) in targets)
        {
            if (denied.Contains(pid))
            {
                continue;
            }

            var handle = NativeMethods.OpenPidFd(pid, out _);
            if (handle is null)
            {
                continue;
            }

            // The pidfd pins the process: if it still has the start time we scanned, it is the same one.
            if (ProcFs.IsSameProcess(pid, startTime))
            {
                opened.Add((pid, handle));
            }
            else
            {
                handle.Dispose();
            }
        }

        return opened;
    }

    private bool Send(int pid, PidFdHandle handle, int signal, HashSet<int> denied)
    {
        var result = NativeMethods.SendSignal(handle, signal);
        switch (result)
        {
            case SignalResult.Sent:
                return true;
            case SignalResult.Denied:
                denied.Add(pid);
                KillLog.SignalFailed(logger, SignalNames.Of(signal), pid, "not permitted (EPERM)");
                return false;
            case SignalResult.Failed:
                KillLog.SignalFailed(logger, SignalNames.Of(signal), pid, "pidfd_send_signal failed");
                return false;
            default:
                return false;
        }
    }

    // Waits until every pidfd is readable (its process has exited) or the time is up; true when all exited.
    // Exited ones are removed from handles and closed.
    private async Task<bool> WaitForExitAsync(List<PidFdHandle> handles, TimeSpan limit, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var left = limit - time.GetElapsedTime(start);
            var slice = left < PollSlice ? left : PollSlice;
            if (await Task.Run(() => RemoveExited(handles, slice), cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            if (time.GetElapsedTime(start) >= limit)
            {
                return false;
            }
        }
    }

    private static bool RemoveExited(List<PidFdHandle> handles, TimeSpan wait)
    {
        if (handles.Count == 0)
        {
            return true;
        }

        var fds = new PollFd[handles.Count];
        var added = new bool[handles.Count];
        try
        {
            for (var i = 0; i < handles.Count; i++)
            {
                handles[i].DangerousAddRef(ref added[i]);
                fds[i] = new PollFd { Fd = (int)handles[i].DangerousGetHandle(), Events = NativeMethods.PollIn };
            }

            NativeMethods.Poll(fds, (int)Math.Max(0, Math.Ceiling(wait.TotalMilliseconds)));
        }
        finally
        {
            for (var i = 0; i < handles.Count; i++)
            {
                if (added[i])
                {
                    handles[i].DangerousRelease();
                }
            }
        }

        for (var i = handles.Count - 1; i >= 0; i--)
        {
            if (fds[i].Revents != 0)
            {
                handles[i].Dispose();
                handles.RemoveAt(i);
            }
        }

        return handles.Count == 0;
    }
}
