using System.Collections.Concurrent;
using Watchdog.Detector;

namespace Watchdog.Tests.Detector;

// Records every command the detector starts; each stays running until the test finishes it.
internal sealed class FakeCommandRunner : ICommandRunner
{
    public ConcurrentQueue<(CommandRequest Request, TaskCompletionSource<CommandOutcome> Completion)> Started { get; } = new();

    public Task<CommandOutcome> RunAsync(CommandRequest request, CancellationToken stopping)
    {
        var completion = new TaskCompletionSource<CommandOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        stopping.Register(() => completion.TrySetResult(new CommandOutcome(CommandEnd.Cancelled, 0, TimeSpan.Zero, null)));
        Started.Enqueue((request, completion));
        return completion.Task;
    }

    public void FinishAll(int exitCode)
    {
        foreach (var (_, completion) in Started)
        {
            completion.TrySetResult(new CommandOutcome(CommandEnd.Exited, exitCode, TimeSpan.FromMilliseconds(5), null));
        }
    }
}
