namespace Watchdog.Detector;

// Escalations and on_problem hooks run off the loop; the loop only starts them and never waits for one.
internal sealed partial class HeartDetector
{
    // A storm of new problems (a whole disk of hearts gone stale at once) must not fork a storm of hooks.
    private const int ConcurrentOnProblemHooks = 4;

    private readonly ICommandRunner runner;
    private readonly TimeProvider time;
    private readonly CancellationTokenSource stopping = new();
    private readonly SemaphoreSlim onProblemSlots = new(ConcurrentOnProblemHooks);
    private readonly List<Task> running = [];

    public int RunningHooks => running.Count;

    // Kills every running hook and waits (bounded) for them to be reaped.
    public async Task StopHooksAsync(TimeSpan bound)
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(running).WaitAsync(bound, time).ConfigureAwait(false);
    }

    private void RunOnProblem(string name)
    {
        if (options.OnProblem.Count == 0)
        {
            return;
        }

        var path = layout.Problem(name);
        var request = new CommandRequest(
            options.OnProblem,
            [new("WATCHDOG_PROBLEM", name), new("WATCHDOG_PROBLEM_FILE", path)],
            options.OnProblemTimeout);
        StartHook(async () =>
        {
            await onProblemSlots.WaitAsync(stopping.Token).ConfigureAwait(false);
            try
            {
                var outcome = await runner.RunAsync(request, stopping.Token).ConfigureAwait(false);
                if (outcome.Succeeded)
                {
                    logger.HookSucceeded(name, outcome.Describe(request));
                }
                else
                {
                    logger.HookFailed(name, outcome.Describe(request));
                }
            }
            finally
            {
                onProblemSlots.Release();
            }
        });
    }

    // Runs hook up to its first await on the loop (where the runner hands the fork off to the thread pool),
    // so a started hook is known at once and the loop never waits for one.
    private Task StartHook(Func<Task> hook)
    {
        var task = Guard(hook);
        running.Add(task);
        return task;
    }

    private async Task Guard(Func<Task> hook)
    {
        try
        {
            await hook().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping while it waited for a slot.
        }
    }

    public void Dispose()
    {
        stopping.Dispose();
        onProblemSlots.Dispose();
    }

    private void ForgetFinishedHooks() => running.RemoveAll(static task => task.IsCompleted);
}
