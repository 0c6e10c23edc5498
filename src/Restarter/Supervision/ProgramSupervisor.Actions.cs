using System.Globalization;
using Microsoft.Extensions.Logging;
using Watchdog.Common.Protocol;
using Watchdog.Common.State;
using Watchdog.Restarter.Processes;

namespace Watchdog.Restarter.Supervision;

// The crash-only order. Solving a problem: (1) the restarter's own problem file (for an exit) is written first;
// (2) the old tag's tree is killed; (3) the state names the NEW tag before any process carries it; (4) launch;
// (5) the state gets the pid and start time; (6) the hearts are reset; (7) the problem moves to history, last.
// A SIGKILL between any two steps leaves on disk either the old tag (its tree is killed again and relaunched) or
// the new tag (a process with it is the current instance, any other tagged process an orphan), and the problem
// still open until (7): at most one extra restart, never a lost problem, a duplicate or an orphan.
internal sealed partial class ProgramSupervisor
{
    private async Task RestartAsync(ProgramPlan plan, ProgramFacts facts, CancellationToken cancellationToken)
    {
        var problems = plan.Solve;
        if (facts.Exit is not null || facts.MainGone)
        {
            problems = RecordOwnProblem(plan.Reason);
        }

        var killed = await KillAsync(cancellationToken).ConfigureAwait(false);
        var decision = RestartPolicy.Decide(State, Program, context.Time.GetUtcNow(), context.Random());
        var basis = State with { Restarts = decision.Restarts, BackoffAttempt = decision.BackoffAttempt, OnProbation = false };
        string resolution;
        if (decision.Kind == RestartKind.Now)
        {
            resolution = Launch(basis, counted: true, onProbation: false, plan.Reason, killed);
        }
        else
        {
            var phase = decision.Kind == RestartKind.GiveUp ? ProgramPhase.GivenUp : ProgramPhase.Backoff;
            resolution = $"{killed}; {decision.Reason}";
            EnterWaiting(basis, phase, decision.Wait, plan.Reason, resolution);
            if (phase == ProgramPhase.GivenUp)
            {
                RunGiveUpHook(decision.Reason);
            }
        }

        Solve(problems, resolution);
    }

    private async Task LaunchAsync(ProgramPlan plan, CancellationToken cancellationToken)
    {
        var killed = State.Tag is null ? null : await KillAsync(cancellationToken).ConfigureAwait(false);
        var resolution = Launch(State, counted: false, onProbation: State.Phase == ProgramPhase.GivenUp, plan.Reason, killed);
        Solve(plan.Solve, resolution);
    }

    private async Task StopAsync(ProgramPlan plan, CancellationToken cancellationToken)
    {
        var killed = State.Tag is null ? "nothing was running" : await KillAsync(cancellationToken).ConfigureAwait(false);
        var resolution = $"{killed}; {plan.Reason}";
        State = State with { Phase = ProgramPhase.Stopped, Tag = null, Pid = 0, PidStartTime = 0, NextLaunchAt = null, LastResolution = resolution };
        mainPid = 0;
        adopted = false;
        context.States.Write(State);
        context.Hearts.Remove(Program);
        logger.LogInformation("Stopped {Program}: {Resolution}", Name, resolution);
        Solve(plan.Solve, resolution);
    }

    // Orderly stop of the restarter: the tree goes too; the state keeps the tag (pid 0), so if the restarter dies
    // in the middle, its next life kills that tag and launches afresh.
    public async Task ShutdownAsync(CancellationToken cancellationToken)
    {
        if (State.Phase != ProgramPhase.Running || State.Tag is null)
        {
            return;
        }

        var main = mainPid > 0 && mainPid == State.Pid ? new LaunchedProcess(State.Pid, State.PidStartTime) : null;
        State = State with { Pid = 0, PidStartTime = 0 };
        mainPid = 0;
        context.States.Write(State);
        var killed = await KillAsync(main, cancellationToken).ConfigureAwait(false);
        context.Hearts.Remove(Program);
        logger.LogInformation("Stopped {Program} for the restarter's shutdown: {Killed}", Name, killed);
    }

    // Steps (3) to (6). Returns the resolution. A launch that fails counts as a failed restart.
    private string Launch(ProgramState basis, bool counted, bool onProbation, string why, string? killed)
    {
        var tag = Guid.NewGuid().ToString();
        var now = context.Time.GetUtcNow();
        var pending = basis with
        {
            Phase = ProgramPhase.Running,
            Tag = tag,
            Pid = 0,
            PidStartTime = 0,
            LaunchedAt = now,
            NextLaunchAt = null,
            OnProbation = onProbation,
        };

        // Not fsynced: a killed process leaves the page cache intact, so the rename alone makes the tag known to the
        // next life; only a power cut could lose it, and that leaves no process with the tag. The write after the
        // launch is fsynced. This keeps a disk flush off the crash → relaunch path.
        context.States.Write(pending, durable: false);
        State = pending;
        LaunchedProcess launched;
        try
        {
            launched = context.Host.Launch(Program, LaunchEnvironment(tag));
        }
        catch (LaunchException e)
        {
            return LaunchFailed(basis, counted, why, killed, e.Message);
        }

        mainPid = launched.Pid;
        adopted = false;
        if (context.Exits.TryClaim(launched.Pid, out var early))
        {
            NotifyExit(early!);
        }

        // After a problem the problem file already says why; a launch for another reason says it here.
        var what = counted ? "relaunched" : why + ": launched";
        var resolution = string.Create(CultureInfo.InvariantCulture, $"{(killed is null ? "" : killed + "; ")}{what} pid {launched.Pid}, tag {tag}");
        State = pending with { Pid = launched.Pid, PidStartTime = launched.StartTime, LastProblem = counted ? why : basis.LastProblem, LastResolution = resolution };
        context.States.Write(State);
        context.Hearts.Reset(Program);
        logger.LogInformation("Launched {Program}: pid {Pid}, tag {Tag} ({Why})", Name, launched.Pid, tag, why);
        return resolution;
    }

    // counted: basis.Restarts already holds this restart (a relaunch after a problem), so it is not counted twice.
    private string LaunchFailed(ProgramState basis, bool counted, string why, string? killed, string error)
    {
        var now = context.Time.GetUtcNow();
        var previous = counted ? basis.Restarts.Take(basis.Restarts.Count - 1).ToList() : basis.Restarts;

        // A launch that failed is a restart that failed at once: never "now" again (attempt ≥ 1, not healthy).
        var retry = RestartPolicy.Decide(
            basis with { Restarts = previous, LaunchedAt = now, BackoffAttempt = Math.Max(1, basis.BackoffAttempt) }, Program, now, context.Random());
        var giveUp = retry.Kind == RestartKind.GiveUp;
        var resolution = $"{(killed is null ? "" : killed + "; ")}{why}: launch failed: {error}; {retry.Reason}";
        EnterWaiting(
            basis with { Restarts = retry.Restarts, BackoffAttempt = retry.BackoffAttempt },
            giveUp ? ProgramPhase.GivenUp : ProgramPhase.Backoff,
            retry.Wait,
            why,
            resolution);
        logger.LogError("Launching {Program} failed: {Error}", Name, error);
        if (giveUp)
        {
            RunGiveUpHook(retry.Reason);
        }

        return resolution;
    }

    // Backoff or given up: the tree is already dead; the hearts go, so the watchdog has nothing to mark.
    private void EnterWaiting(ProgramState basis, ProgramPhase phase, TimeSpan wait, string why, string resolution)
    {
        State = basis with
        {
            Phase = phase,
            Tag = null,
            Pid = 0,
            PidStartTime = 0,
            NextLaunchAt = context.Time.GetUtcNow() + wait,
            GiveUps = basis.GiveUps + (phase == ProgramPhase.GivenUp ? 1 : 0),
            LastProblem = why,
            LastResolution = resolution,
        };
        mainPid = 0;
        adopted = false;
        context.States.Write(State);
        context.Hearts.Remove(Program);
        if (phase == ProgramPhase.GivenUp)
        {
            logger.LogError("Gave up {Program}: {Resolution}", Name, resolution);
        }
        else
        {
            logger.LogWarning("{Program}: {Resolution}", Name, resolution);
        }
    }

    // The main process (and so its session) is named only when this life launched or adopted it: a recorded pid
    // that failed adoption may now be anyone's, and is reached through the tag alone.
    private Task<string> KillAsync(CancellationToken cancellationToken) =>
        KillAsync(mainPid > 0 && mainPid == State.Pid ? new LaunchedProcess(State.Pid, State.PidStartTime) : null, cancellationToken);

    private async Task<string> KillAsync(LaunchedProcess? main, CancellationToken cancellationToken)
    {
        var tag = State.Tag!;
        var report = await context.Host.KillTreeAsync(context.Options.TagVariable, tag, main, Program.Stop, cancellationToken).ConfigureAwait(false);
        var described = report.Describe();
        logger.LogInformation("Killed {Program} (tag {Tag}): {Report}", Name, tag, described);
        return described;
    }

    // The restarter's own report of an exit: problems/<program>, or a line appended to the open one.
    private IReadOnlyList<ProblemRecord> RecordOwnProblem(string what)
    {
        var now = context.Time.GetUtcNow();
        if (!ProblemFile.TryCreate(context.Layout, Name, now, HistoryStore.Detector, what))
        {
            ProblemFile.TryAppend(context.Layout.Problem(Name), now, HistoryStore.Detector, what);
        }

        logger.LogWarning("{Program} {What}", Name, what);
        return ReadProblems();
    }

    private void Solve(IReadOnlyList<ProblemRecord> problems, string resolution)
    {
        foreach (var problem in problems)
        {
            try
            {
                if (context.History.Solve(context.Layout.Problem(problem.Name), resolution))
                {
                    logger.LogInformation("Solved problem {Problem}: {Resolution}", problem.Name, resolution);
                }
            }
            catch (IOException e)
            {
                logger.LogError(e, "Cannot move problem {Problem} to history", problem.Name);
            }
        }
    }

    private List<KeyValuePair<string, string>> LaunchEnvironment(string tag)
    {
        var environment = new List<KeyValuePair<string, string>>(4)
        {
            new(context.Options.TagVariable, tag),
            new(LaunchVariables.Hearts, context.Layout.Hearts),
        };
        if (Program.Hearts.Count > 0)
        {
            environment.Add(new(LaunchVariables.Heart, Program.Hearts[0].Name));
            environment.Add(new(LaunchVariables.HeartTimeout, HeartTimeout.FormatSeconds(Program.Hearts[0].Timeout)));
        }

        return environment;
    }

    private void RunGiveUpHook(string reason)
    {
        if (context.Options.OnGiveUp.Count == 0)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                var result = await context.Host.RunHookAsync(
                    context.Options.OnGiveUp,
                    [new("WATCHDOG_PROGRAM", Name), new("WATCHDOG_REASON", reason)],
                    context.Options.OnGiveUpTimeout,
                    CancellationToken.None).ConfigureAwait(false);
                logger.LogInformation("on_give_up for {Program}: {Result}", Name, result.Describe());
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogError(e, "on_give_up for {Program} failed", Name);
            }
        });
    }
}
