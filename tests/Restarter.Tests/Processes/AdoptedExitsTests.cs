using System.Diagnostics;
using Watchdog.Restarter.Processes;

namespace Restarter.Tests.Processes;

// Processes started here are children of the test host: serialized with the tests whose host reaps waitpid(-1).
[Collection("processes")]
public sealed class AdoptedExitsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Each_watched_process_reports_its_own_end_once_and_the_others_stay_watched()
    {
        using var exits = new AdoptedExits();
        using var first = Process.Start("/bin/sleep", "1000");
        using var second = Process.Start("/bin/sleep", "1000");
        var firstEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstCalls = 0;
        try
        {
            Assert.True(exits.Watch(first.Id, () => true, () =>
            {
                Interlocked.Increment(ref firstCalls);
                firstEnded.TrySetResult();
            }));
            Assert.True(exits.Watch(second.Id, () => true, secondEnded.SetResult));

            first.Kill();
            await firstEnded.Task.WaitAsync(Deadline);

            Assert.False(secondEnded.Task.IsCompleted);
            second.Kill();
            await secondEnded.Task.WaitAsync(Deadline);
            Assert.Equal(1, Volatile.Read(ref firstCalls));
        }
        finally
        {
            first.Kill();
            second.Kill();
        }
    }

    [Fact]
    public void A_process_that_is_not_the_adopted_one_any_more_is_not_watched()
    {
        using var exits = new AdoptedExits();
        using var process = Process.Start("/bin/sleep", "1000");
        try
        {
            Assert.False(exits.Watch(process.Id, () => false, () => { }));
        }
        finally
        {
            process.Kill();
        }
    }
}
