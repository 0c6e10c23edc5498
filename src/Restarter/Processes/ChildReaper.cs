using System.Runtime.InteropServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Watchdog.Common.Interop;

namespace Watchdog.Restarter.Processes;

// Reaps every child of this process: launches and, because it makes the process a child subreaper
// (prctl(2) PR_SET_CHILD_SUBREAPER), orphaned descendants re-parented to it. SIGCHLD wakes the loop
// (PosixSignalRegistration); a timer wakes it about every second too, as a safety net for a coalesced or
// missed signal. waitpid(-1) takes any child, so only one reaper may exist per process.
internal sealed class ChildReaper : IDisposable
{
    private static readonly TimeSpan SafetyNetInterval = TimeSpan.FromSeconds(1);
    private static int instances;

    private readonly Lock gate = new();
    private readonly Dictionary<int, TaskCompletionSource<ChildExit>> claimed = [];
    private readonly Channel<ChildExit> exits = Channel.CreateUnbounded<ChildExit>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly SemaphoreSlim wake = new(0);
    private readonly CancellationTokenSource stopping = new();
    private readonly PosixSignalRegistration sigchld;
    private readonly ITimer safetyNet;
    private readonly Task loop;
    private readonly bool subreaper;
    private bool disposed;

    public ChildReaper(TimeProvider time, ILogger logger)
    {
        if (Interlocked.CompareExchange(ref instances, 1, 0) != 0)
        {
            throw new InvalidOperationException("a ChildReaper already exists in this process: waitpid(-1) would steal its children's exits");
        }

        subreaper = NativeMethods.SetChildSubreaper(true);
        if (!subreaper)
        {
            logger.LogWarning("Could not become a child subreaper (prctl PR_SET_CHILD_SUBREAPER failed): exits of escaped grandchildren will not be seen");
        }

        sigchld = PosixSignalRegistration.Create(PosixSignal.SIGCHLD, _ => Wake());
        safetyNet = time.CreateTimer(_ => Wake(), null, SafetyNetInterval, SafetyNetInterval);
        loop = Task.Run(LoopAsync);
    }

    public ChannelReader<ChildExit> Exits => exits.Reader;

    // Runs start while no child can be reaped, so a child that dies at once stays a zombie (its
    // /proc/PID/stat still readable) until start has returned.
    public T WhileNotReaping<T>(Func<T> start)
    {
        lock (gate)
        {
            return start();
        }
    }

    // Runs start (which returns a pid, 0 when nothing started) while no child can be reaped and claims the
    // exit of the pid: it completes the returned task instead of going to Exits.
    public (T Result, Task<ChildExit>? Exit) StartClaimed<T>(Func<T> start, Func<T, int> pidOf)
    {
        lock (gate)
        {
            var result = start();
            var pid = pidOf(result);
            if (pid <= 0)
            {
                return (result, null);
            }

            var exit = new TaskCompletionSource<ChildExit>(TaskCreationOptions.RunContinuationsAsynchronously);
            claimed[pid] = exit;
            return (result, exit.Task);
        }
    }

    // Called from the SIGCHLD handler and the timer, which may still fire while Dispose runs.
    public void Wake()
    {
        if (Volatile.Read(ref disposed))
        {
            return;
        }

        try
        {
            if (wake.CurrentCount == 0)
            {
                wake.Release();
            }
        }
        catch (ObjectDisposedException)
        {
            // Dispose won the race; the final reap happens there.
        }
    }

    public void Dispose()
    {
        Volatile.Write(ref disposed, true);
        stopping.Cancel();
        sigchld.Dispose();
        safetyNet.Dispose();
        try
        {
            loop.Wait();
        }
        catch (AggregateException e) when (e.InnerException is OperationCanceledException)
        {
            // The loop ends by cancellation.
        }

        ReapAll();
        if (subreaper)
        {
            NativeMethods.SetChildSubreaper(false);
        }

        lock (gate)
        {
            foreach (var exit in claimed.Values)
            {
                exit.TrySetCanceled();
            }

            claimed.Clear();
        }

        exits.Writer.TryComplete();
        stopping.Dispose();
        wake.Dispose();
        Volatile.Write(ref instances, 0);
    }

    private async Task LoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            ReapAll();
            try
            {
                await wake.WaitAsync(stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void ReapAll()
    {
        lock (gate)
        {
            while (NativeMethods.ReapOne() is { Outcome: ReapOutcome.Reaped } reaped)
            {
                var exit = ChildExit.FromWaitStatus(reaped.Pid, reaped.Status);
                if (claimed.Remove(reaped.Pid, out var waiter))
                {
                    waiter.TrySetResult(exit);
                }
                else
                {
                    exits.Writer.TryWrite(exit);
                }
            }
        }
    }
}
