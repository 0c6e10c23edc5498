using Microsoft.Extensions.Logging;
using Watchdog.Common.Config;
using Watchdog.Common.Processes;
using Watchdog.Common.Protocol;

namespace Watchdog.Detector;

// Escalations and on_problem hooks, and their lifecycle. They run off the loop: the loop only starts them and
// never waits for one. Each open problem is escalated when it stays unsolved for escalate_after, at most once per
// escalate_after, and never while its previous escalation still runs.
internal sealed class ProblemHooks(RootLayout layout, DetectorOptions options, ICommandRunner runner, TimeProvider time, ILogger logger) : IDisposable
{
    // A storm of new problems (a whole disk of hearts gone stale at once) must not fork a storm of hooks.
    private const int ConcurrentOnProblemHooks = 4;

    private readonly CancellationTokenSource stopping = new();
    private readonly SemaphoreSlim onProblemSlots = new(ConcurrentOnProblemHooks);
    private readonly List<Task> running = [];

    // Escalation commands started since the watchdog started.
    public long EscalationsStarted { get; private set; }

    public void Reconfigure(DetectorOptions next) => options = next;

    public void Escalate(EntryTable<ProblemTrack> problems, Instant now)
    {
        if (options.Escalate.Count == 0)
        {
            return;
        }

        foreach (var problem in problems.Entries)
        {
            if (problem.Generation != problems.Generation || !problem.IsUsable
                || problem.Escalation is { IsCompleted: false }
                || !problem.Clock.IsOlderThan(options.EscalateAfter, now)
                || (problem.LastEscalation is { } last && now.Monotonic - last < options.EscalateAfter))
            {
                continue;
            }

            problem.LastEscalation = now.Monotonic;
            EscalationsStarted++;
            var request = new CommandRequest(options.Escalate, [], options.EscalateTimeout);
            logger.Escalating(problem.Name, problem.Clock.WallAge(now).TotalSeconds, request.Display);
            problem.Escalation = Start(() => EscalateAsync(problem.Name, request));
        }
    }

    public void RunOnProblem(string name)
    {
        if (options.OnProblem.Count == 0)
        {
            return;
        }

        var request = new CommandRequest(
            options.OnProblem,
            [new(HookTag.Problem, name), new(HookTag.ProblemFile, layout.Problem(name))],
            options.OnProblemTimeout);
        Start(async () =>
        {
            await onProblemSlots.WaitAsync(stopping.Token).ConfigureAwait(false);
            try
            {
                var outcome = await runner.RunAsync(request, stopping.Token).ConfigureAwait(false);
                var text = request.Display + " " + outcome.Describe();
                if (outcome.Succeeded)
                {
                    logger.HookSucceeded(name, text);
                }
                else
                {
                    logger.HookFailed(name, text);
                }
            }
            finally
            {
                onProblemSlots.Release();
            }
        });
    }

    public void ForgetFinished() => running.RemoveAll(static task => task.IsCompleted);

    // Kills every running hook and waits (bounded) for them to be reaped.
    public async Task StopAsync(TimeSpan bound)
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(running).WaitAsync(bound, time).ConfigureAwait(false);
    }

    public void Dispose()
    {
        stopping.Dispose();
        onProblemSlots.Dispose();
    }

    // Runs hook up to its first await on the loop (where the runner hands the fork off to the thread pool),
    // so a started hook is known at once and the loop never waits for one.
    private Task Start(Func<Task> hook)
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

    private async Task EscalateAsync(string name, CommandRequest request)
    {
        var outcome = await runner.RunAsync(request, stopping.Token).ConfigureAwait(false);
        var text = "escalation " + request.Display + " " + outcome.Describe();
        if (outcome.Succeeded)
        {
            logger.EscalationSucceeded(name, text);
        }
        else
        {
            logger.EscalationFailed(name, text);
        }

        try
        {
            ProblemFile.TryAppend(layout.Problem(name), time.GetUtcNow(), HeartDetector.DetectorName, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.OutcomeNotAppended(name, e.Message);
        }
    }
}
