using System.Runtime.InteropServices;
using Watchdog.Common.Interop;

namespace Watchdog.Restarter.Processes;

// The end of an adopted main process: after a restarter restart it is no longer our child, so no SIGCHLD comes,
// but its pidfd becomes readable (POLLIN) when it exits. One thread polls every adopted pidfd plus an eventfd
// doorbell (for a new watch or the stop), started at the first adoption: each adopted program costs one descriptor
// and one poll slot, not a thread or a timer, and the poll sleeps until something exits, so nothing wakes per
// program while they all run. .NET has no async wait on an arbitrary descriptor, hence the one thread for all.
internal sealed class AdoptedExits : IDisposable
{
    private const short PollIn = 0x1;

    private const int FailedPollPauseMilliseconds = 1000;

    private readonly Lock gate = new();
    private readonly List<(PidFdHandle Handle, Action Exited)> watched = [];
    private int doorbell = -1;
    private Thread? thread;
    private bool disposed;

    // exited runs once, on the poll thread, when the process ends (or its pidfd reports an error: the caller
    // checks pid + start time, so a wake too many is harmless). False when it cannot be watched (already gone,
    // or no descriptor to spare): the caller's rescan still sees the end.
    public bool Watch(int pid, Func<bool> stillSame, Action exited)
    {
        var handle = NativeMethods.OpenPidFd(pid, out _);
        if (handle is null)
        {
            return false;
        }

        // The pidfd pins the process: if the start time still matches now, it refers to the adopted one.
        if (!stillSame() || !Add(handle, exited))
        {
            handle.Dispose();
            return false;
        }

        NativeMethods.Ring(doorbell);
        return true;
    }

    public void Dispose()
    {
        Thread? running;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            running = thread;
        }

        if (running is not null)
        {
            NativeMethods.Ring(doorbell);
            running.Join();
            _ = NativeMethods.CloseFd(doorbell);
        }

        watched.ForEach(w => w.Handle.Dispose());
        watched.Clear();
    }

    private bool Add(PidFdHandle handle, Action exited)
    {
        lock (gate)
        {
            if (disposed)
            {
                return false;
            }

            if (thread is null)
            {
                doorbell = NativeMethods.CreateEventFd();
                if (doorbell < 0)
                {
                    return false;
                }

                thread = new Thread(Run) { IsBackground = true, Name = "adopted-exits" };
                thread.Start();
            }

            watched.Add((handle, exited));
            return true;
        }
    }

    private void Run()
    {
        Span<byte> drain = stackalloc byte[sizeof(ulong)];
        while (true)
        {
            (PidFdHandle Handle, Action Exited)[] snapshot;
            lock (gate)
            {
                if (disposed)
                {
                    return;
                }

                snapshot = [.. watched];
            }

            // The handles are disposed only by this thread or after it has ended, so the raw fds stay valid here.
            var fds = new PollFd[snapshot.Length + 1];
            fds[0] = new PollFd { Fd = doorbell, Events = PollIn };
            for (var i = 0; i < snapshot.Length; i++)
            {
                fds[i + 1] = new PollFd { Fd = (int)snapshot[i].Handle.DangerousGetHandle(), Events = PollIn };
            }

            if (NativeMethods.Poll(fds, -1) <= 0)
            {
                // An error no retry cures (EINVAL: more descriptors than RLIMIT_NOFILE) must not spin this thread:
                // wait on the doorbell alone for a while; the rescan still sees every exit meanwhile.
                if (Marshal.GetLastPInvokeError() != Errno.EINTR)
                {
                    _ = NativeMethods.Poll(fds.AsSpan(0, 1), FailedPollPauseMilliseconds);
                }

                continue;
            }

            _ = NativeMethods.ReadAvailable(doorbell, drain);
            for (var i = 0; i < snapshot.Length; i++)
            {
                if (fds[i + 1].Revents != 0)
                {
                    Ended(snapshot[i]);
                }
            }
        }
    }

    private void Ended((PidFdHandle Handle, Action Exited) entry)
    {
        lock (gate)
        {
            watched.Remove(entry);
        }

        entry.Handle.Dispose();
        entry.Exited();
    }
}
