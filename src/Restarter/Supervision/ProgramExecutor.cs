using System.Globalization;
using Microsoft.Extensions.Logging;
using Watchdog.Common.Config;
using Watchdog.Common.Processes;
using Watchdog.Common.State;
using Watchdog.Restarter.Cgroups;
using Watchdog.Restarter.Processes;

namespace Watchdog.Restarter.Supervision;

// One pass of one program: read what changed (an exit, problems, down/), ask Planner.Plan, carry the plan out.
//
// The crash-only order. Solving a problem: (1) the restarter's own problem file (for an exit) is written first;
// (2) the old tag's tree is killed; (3) the state names the NEW tag before any process carries it; (4) launch;
// (5) the state gets the pid and start time; (6) the hearts are reset; (7) the problem moves to history, last.
// A SIGKILL between any two steps leaves on disk either the old tag (its tree is killed again and relaunched) or
// the new tag (a process with it is the current instance, any other tagged process an orphan), and the problem
// still open until (7): at most one extra restart, never a lost problem, a duplicate or an orphan.
//
// Every state change goes through ProgramRecord.Commit. A transition the disk refuses (full, read-only, EIO) is
// planned again from the disk's state by the next pass, until it lands (issue 14 §8); the exit that caused it
// stays in the ExitBook meanwhile, and nothing reaches history before the state does.
internal sealed partial class ProgramExecutor
{
    private static readonly TimeSpan RetryAfterFault = TimeSpan.FromSeconds(1);

    private ProgramOptions program;

    // ConfigFingerprint.Of(program), computed when the options change rather than on every pass.
    private string fingerprint;

    // Options a reload handed over, taken up at the start of the next pass (never in the middle of one).
    private ProgramOptions? reconfigured;
    private readonly SupervisionContext context;
    private readonly ProgramProblems problems;
    private readonly DiskFaults faults;
    private readonly Action wake;
    private readonly ILogger logger;
    private readonly ProgramRecord record;
    private readonly DownMark down;
    private readonly ProgramCgroup cgroup;
    private InstanceId? instance;

    // At start-up the recorded main process was found gone: reported on the first pass that lands.
    private bool goneAtStart;

    // The hearts of the current launch are still to be reset (the write failed).
    private bool heartsDue;

    // The adopted main pid whose pidfd reported its end (set on the poll thread), 0 when none did.
    private int endedByPidFd;

    // The failure whose problem file is written ("<tag> <reason>"), so a retried transition reports it once.
    private string? reported;

    public ProgramExecutor(ProgramOptions program, SupervisionContext context, ProblemEntries entries, Action wake, ILogger logger)
    {
        this.program = program;
        fingerprint = ConfigFingerprint.Of(program);
        this.context = context;
        this.wake = wake;
        this.logger = logger;
        faults = new DiskFaults(logger, program.Name);
        problems = new ProgramProblems(program, context, entries, faults, logger);
        record = new ProgramRecord(program, context);
        down = new DownMark(context.Layout, program.Name, logger);
        cgroup = new ProgramCgroup(program, context.Cgroups, context.Time, logger);
    }

    public ProgramState State => record.State;

    private string Name => program.Name;

    // Start-up: take the recorded state and adopt the main process if it is alive, the same process and tagged.
    public void Initialize(ProgramState? recorded, IReadOnlyList<TaggedProcess> tagged, InstanceId root)
    {
        instance = root;
        record.Load(recorded);
        var state = State;
        if (state.Phase != ProgramPhase.Running || state.Pid <= 0)
        {
            return;
        }

        if (context.Host.IsSameProcess(state.Pid, state.PidStartTime) && tagged.Any(t => t.Pid == state.Pid && t.Tag == state.Tag))
        {
            record.Adopt();
            cgroup.Adopt(state.Cgroup);
            context.Host.AttachOutput(program);
            var pid = state.Pid;
            var watched = context.Host.WatchAdopted(new LaunchedProcess(pid, state.PidStartTime), () =>
            {
                Volatile.Write(ref endedByPidFd, pid);
                wake();
            });
            logger.LogInformation("Adopted {Program}: pid {Pid}, tag {Tag}; its end is seen {How}", Name, pid, state.Tag, watched ? "through its pidfd" : "by the rescan");
        }
        else
        {
            goneAtStart = true;
            logger.LogWarning("{Program}: pid {Pid} (tag {Tag}) is gone; relaunching", Name, state.Pid, state.Tag);
        }
    }

    // One pass; returns when it wants to look again even if nothing happens (a scheduled relaunch, a retry).
    public async Task<DateTimeOffset?> StepAsync(CancellationToken cancellationToken)
    {
        try
        {
            var wakeAt = await PassAsync(cancellationToken).ConfigureAwait(false);
            faults.Recovered();
            return wakeAt;
        }
        catch (Exception e) when (DiskFaults.IsExpected(e))
        {
            faults.Report(e);
            return context.Time.GetUtcNow() + RetryAfterFault;
        }
    }

    // Orderly stop of the restarter: the tree goes too. A state the disk refuses does not keep the tree alive:
    // the next life finds the recorded pid gone and relaunches.
    public async Task ShutdownAsync(CancellationToken cancellationToken)
    {
        if (State.Phase != ProgramPhase.Running || State.Tag is null)
        {
            return;
        }

        var tag = State.Tag;
        var known = record.KnownMain;
        var launchCgroup = State.Cgroup;
        try
        {
            record.Commit(ProgramTransitions.ShutDown(State, context.Time.GetUtcNow()));
        }
        catch (Exception e) when (DiskFaults.IsExpected(e))
        {
            faults.Report(e);
        }

        var killed = await KillAsync(tag, known, launchCgroup, cancellationToken).ConfigureAwait(false);
        context.Hearts.Remove(program);
        logger.LogInformation("Stopped {Program} for the restarter's shutdown: {Killed}", Name, killed);
    }

    private async Task<DateTimeOffset?> PassAsync(CancellationToken cancellationToken)
    {
        TakeReconfigured();
        var state = State;
        if (heartsDue && state.Phase == ProgramPhase.Running && state.HeartsSetTo is { } mark)
        {
            context.Hearts.Reset(program, mark);
            heartsDue = false;
        }

        var exit = state.Phase == ProgramPhase.Running ? context.Exits.ExitOf(state.Pid) : null;
        var gone = goneAtStart
            || (record.Adopted && exit is null && state.Phase == ProgramPhase.Running && state.Pid > 0 && !context.Host.IsSameProcess(state.Pid, state.PidStartTime));
        var seenByPidFd = Interlocked.Exchange(ref endedByPidFd, 0) == state.Pid && state.Pid > 0;
        var facts = new ProgramFacts(down.IsSet(), problems.Read(), exit, gone) { GoneSeenByPidFd = gone && seenByPidFd };
        if (!facts.IsDown && facts.Exit is null && !facts.MainGone && await ApplyConfigAsync(cancellationToken).ConfigureAwait(false))
        {
            goneAtStart = false;
            return State.NextLaunchAt;
        }

        var plan = Planner.Plan(state, facts, context.Time.GetUtcNow(), ExitPolicy.For(program));
        switch (plan.Action)
        {
            case PlanAction.Restart:
                await RestartAsync(plan, facts, cancellationToken).ConfigureAwait(false);
                break;
            case PlanAction.Launch:
                await LaunchAsync(plan, cancellationToken).ConfigureAwait(false);
                break;
            case PlanAction.Reset:
                ResetNow(plan);
                break;
            case PlanAction.Finish:
                await FinishAsync(plan, facts, cancellationToken).ConfigureAwait(false);
                break;
            case PlanAction.Stop:
                await StopAsync(plan, cancellationToken).ConfigureAwait(false);
                break;
            case PlanAction.SolveOnly:
                problems.Solve(plan.Solve, plan.Reason);
                break;
        }

        goneAtStart = false;
        return plan.Action is PlanAction.None or PlanAction.SolveOnly ? plan.WakeAt : State.NextLaunchAt;
    }

    private async Task RestartAsync(ProgramPlan plan, ProgramFacts facts, CancellationToken cancellationToken)
    {
        var reason = cgroup.DescribeExit(plan.Reason, facts.Exit);
        var solve = RecordEnd(plan, facts, reason);

        // Judged before the kill: what the launch did while it ran, not during its stop grace.
        var proven = RestartPolicy.Proved(State, program, context.Hearts.Beats(program), context.Time.GetUtcNow());
        var killed = await KillAsync(cancellationToken).ConfigureAwait(false);
        var before = State;
        var decision = RestartPolicy.Decide(before, program, context.Time.GetUtcNow(), context.Random(), proven);
        var basis = ProgramTransitions.Counted(before, decision);
        string resolution;
        if (decision.Kind == RestartKind.Now)
        {
            resolution = Launch(basis, before, onProbation: false, reason, killed) + (proven ? "; " + decision.Reason : "");
        }
        else
        {
            resolution = $"{killed}; {decision.Reason}";
            EnterWaiting(basis, decision, reason, resolution);
        }

        problems.Solve(solve, resolution);
    }

    private async Task LaunchAsync(ProgramPlan plan, CancellationToken cancellationToken)
    {
        var killed = State.Tag is null ? null : await KillAsync(cancellationToken).ConfigureAwait(false);
        var resolution = Launch(State, uncounted: null, onProbation: State.Phase == ProgramPhase.GivenUp, plan.Reason, killed);
        problems.Solve(plan.Solve, resolution);
    }

    private async Task StopAsync(ProgramPlan plan, CancellationToken cancellationToken)
    {
        var killed = State.Tag is null ? KillReport.NothingRunning : await KillAsync(cancellationToken).ConfigureAwait(false);
        var resolution = $"{killed}; {plan.Reason}";
        record.Commit(ProgramTransitions.Stopped(State, resolution));
        logger.LogInformation("Stopped {Program}: {Resolution}", Name, resolution);
        problems.Solve(plan.Solve, resolution);
    }

    // Steps (3) to (6). Returns the resolution. A launch that fails counts as a failed restart. uncounted: for a
    // relaunch after a problem, the state before RestartPolicy counted this restart into basis.
    private string Launch(ProgramState basis, ProgramState? uncounted, bool onProbation, string why, string? killed)
    {
        var counted = uncounted is not null;
        var tag = (instance ?? throw new InvalidOperationException("the supervisor was not initialized")).NewTag();
        var prepared = cgroup.Prepare();
        var pending = Stamped(ProgramTransitions.Pending(basis, tag, context.Time.GetUtcNow(), onProbation)) with
        {
            Cgroup = prepared.Path,
            UnappliedLimits = prepared.UnappliedOrNull,
        };

        // Not fsynced: a killed process leaves the page cache intact, so the rename alone makes the tag known to the
        // next life; only a power cut could lose it, and that leaves no process with the tag. The write after the
        // launch is fsynced. This keeps a disk flush off the crash → relaunch path.
        record.Commit(pending, durable: false);
        LaunchedProcess launched;
        try
        {
            launched = context.Host.Launch(program, ProgramVariables.For(context.Options, context.Layout, program, tag), prepared.Path);
        }
        catch (LaunchException e)
        {
            cgroup.Abandon(prepared.Path);
            return LaunchFailed(basis, uncounted ?? basis, why, killed, e.Message);
        }

        record.Launched(launched, wake);

        // After a problem the problem file already says why; a launch for another reason says it here.
        var what = counted ? "relaunched" : why + ": launched";
        var resolution = string.Create(CultureInfo.InvariantCulture, $"{(killed is null ? "" : killed + "; ")}{what} pid {launched.Pid}, tag {tag}");
        var mark = context.Hearts.ResetMark(program);
        record.Commit(ProgramTransitions.Launched(pending, launched, counted ? why : null, resolution, mark));
        heartsDue = true;
        context.Hearts.Reset(program, mark);
        heartsDue = false;
        logger.LogInformation("Launched {Program}: pid {Pid}, tag {Tag} ({Why})", Name, launched.Pid, tag, why);
        return resolution;
    }

    // uncounted: the restart times before this restart was counted into basis, so it is not counted twice.
    private string LaunchFailed(ProgramState basis, ProgramState uncounted, string why, string? killed, string error)
    {
        var now = context.Time.GetUtcNow();

        // A launch that failed is a restart that failed at once: never "now" again (attempt ≥ 1, not healthy, not proven).
        var retry = RestartPolicy.Decide(
            basis with
            {
                Restarts = uncounted.Restarts,
                EarlyFailures = uncounted.EarlyFailures,
                LaunchedAt = now,
                BackoffAttempt = Math.Max(1, basis.BackoffAttempt),
            },
            program,
            now,
            context.Random());
        var resolution = $"{(killed is null ? "" : killed + "; ")}{why}: launch failed: {error}; {retry.Reason}";
        logger.LogError("Launching {Program} failed: {Error}", Name, error);
        EnterWaiting(basis with { Restarts = retry.Restarts, EarlyFailures = retry.EarlyFailures, BackoffAttempt = retry.BackoffAttempt }, retry, why, resolution);
        return resolution;
    }

    // Backoff or given up: the tree is already dead; the hearts go (in Commit), so the watchdog has nothing to mark.
    private void EnterWaiting(ProgramState basis, RestartDecision decision, string why, string resolution)
    {
        var phase = decision.Kind == RestartKind.GiveUp ? ProgramPhase.GivenUp : ProgramPhase.Backoff;
        record.Commit(ProgramTransitions.Waiting(basis, phase, context.Time.GetUtcNow() + decision.Wait, why, resolution));
        if (phase == ProgramPhase.GivenUp)
        {
            logger.LogError("Gave up {Program}: {Resolution}", Name, resolution);
            GiveUpHook.Start(context, Name, decision.Reason, logger);
        }
        else
        {
            logger.LogWarning("{Program}: {Resolution}", Name, resolution);
        }
    }

    // The kill is recorded first, so that `status` can say when SIGKILL follows. Not fsynced, and a disk that refuses
    // it never holds the kill up: it only informs.
    private Task<string> KillAsync(CancellationToken cancellationToken)
    {
        try
        {
            record.Commit(ProgramTransitions.Stopping(State, program.Stop, context.Time.GetUtcNow()), durable: false);
        }
        catch (Exception e) when (DiskFaults.IsExpected(e))
        {
            faults.Report(e);
        }

        return KillAsync(State.Tag!, record.KnownMain, State.Cgroup, cancellationToken);
    }

    // The tag sweep, then (with a cgroup) cgroup.kill and rmdir: the sweep also covers hosts without cgroups, and
    // cgroup.kill whatever left the tree's environment or session.
    private async Task<string> KillAsync(string tag, LaunchedProcess? known, string? launchCgroup, CancellationToken cancellationToken)
    {
        var report = await context.Host.KillTreeAsync(context.Options.TagVariable, tag, known, program.Stop, cancellationToken).ConfigureAwait(false);
        var described = await cgroup.EndAsync(report.Describe(), launchCgroup, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Killed {Program} (tag {Tag}): {Report}", Name, tag, described);
        return described;
    }
}
