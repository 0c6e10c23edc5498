using System.Collections.Concurrent;
using Watchdog.Common.Processes;
using Watchdog.Detector;

namespace Watchdog.Tests.Detector;

// Records every command the detector starts; each stays running until the test finishes it.
internal sealed class FakeCommandRunner : ICommandRunner
{
    public ConcurrentQueue<(CommandRequest Request, TaskCompletionSource<HookOutcome> Completion)> Started { get; } = new();

    public Task<HookOutcome> RunAsync(CommandRequest request, CancellationToken stopping)
    {
        var completion = new TaskCompletionSource<HookOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        stopping.Register(() => completion.TrySetResult(new HookOutcome(HookEnd.Cancelled, TimeSpan.Zero)));
        Started.Enqueue((request, completion));
        return completion.Task;
    }

    public void FinishAll(int exitCode)
    {
        foreach (var (_, completion) in Started)
        {
            completion.TrySetResult(HookOutcome.Ended(exitCode, null, TimeSpan.FromMilliseconds(5)));
        }
    }
}
