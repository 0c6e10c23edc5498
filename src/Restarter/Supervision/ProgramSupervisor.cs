using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Watchdog.Common.Config;
using Watchdog.Common.Protocol;
using Watchdog.Common.State;
using Watchdog.Restarter.Processes;

namespace Watchdog.Restarter.Supervision;

// One program's supervision: its own sequential loop, so that one program's stop grace never delays another's recovery.
// Each pass reads what changed (an exit, problems, down/), asks Planner.Plan, and carries the plan out in the
// crash-only order of ProgramSupervisor.Actions.cs.
internal sealed partial class ProgramSupervisor
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(1);

    private readonly SupervisionContext context;
    private readonly ILogger logger;
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock exitLock = new();
    private ChildExit? pendingExit;
    private volatile int mainPid;

    // The main process is not our child (adopted after a restarter restart): its end is seen by polling.
    private bool adopted;

    // At start-up the recorded main process was found gone: reported once, on the first pass.
    private bool goneAtStart;

    public ProgramSupervisor(ProgramOptions program, SupervisionContext context)
    {
        Program = program;
        this.context = context;
        logger = context.LoggerFactory.CreateLogger("Watchdog.Restarter." + program.Name);
        State = Fresh(program.Name);
    }

    public ProgramOptions Program { get; }

    public string Name => Program.Name;

    public ProgramState State { get; private set; }

    // The pid exits are matched against; read by the exit pump on another thread.
    public int MainPid => mainPid;

    public static ProgramState Fresh(string name) => new(name, ProgramPhase.Running, null, 0, 0, null, [], 0, null, null, null);

    public void Wake() => wake.Writer.TryWrite(true);

    public void NotifyExit(ChildExit exit)
    {
        lock (exitLock)
        {
            pendingExit = exit;
        }

        Wake();
    }

    // Start-up: take the recorded state and adopt the main process if it is alive, the same process and tagged.
    public void Initialize(ProgramState? recorded, IReadOnlyList<TaggedProcess> tagged)
    {
        State = recorded ?? Fresh(Name);
        if (State.Phase != ProgramPhase.Running || State.Pid <= 0)
        {
            return;
        }

        var state = State;
        if (context.Host.IsSameProcess(state.Pid, state.PidStartTime) && tagged.Any(t => t.Pid == state.Pid && t.Tag == state.Tag))
        {
            adopted = true;
            mainPid = state.Pid;
            context.Host.AttachOutput(Program);
            logger.LogInformation("Adopted {Program}: pid {Pid}, tag {Tag}", Name, state.Pid, state.Tag);
        }
        else
        {
            goneAtStart = true;
            logger.LogWarning("{Program}: pid {Pid} (tag {Tag}) is gone; relaunching", Name, state.Pid, state.Tag);
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            DateTimeOffset? wakeAt;
            try
            {
                wakeAt = await StepAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogError(e, "Supervising {Program} failed; trying again in a second", Name);
                wakeAt = context.Time.GetUtcNow() + RetryAfterFailure;
            }

            await WaitAsync(wakeAt, cancellationToken).ConfigureAwait(false);
        }
    }

    // One pass; returns when it wants to look again even if nothing happens (a scheduled relaunch).
    public async Task<DateTimeOffset?> StepAsync(CancellationToken cancellationToken)
    {
        var state = State;
        ChildExit? exit;
        lock (exitLock)
        {
            exit = pendingExit;
            pendingExit = null;
        }

        if (exit is null && context.Exits.TryClaim(state.Pid, out var claimed))
        {
            exit = claimed;
        }

        if (exit is not null && (exit.Pid != state.Pid || state.Phase != ProgramPhase.Running))
        {
            exit = null;
        }

        var gone = goneAtStart
            || (adopted && exit is null && state.Phase == ProgramPhase.Running && state.Pid > 0 && !context.Host.IsSameProcess(state.Pid, state.PidStartTime));
        goneAtStart = false;
        var facts = new ProgramFacts(File.Exists(context.Layout.DownFile(Name)), ReadProblems(), exit, gone);
        var plan = Planner.Plan(state, facts, context.Time.GetUtcNow());
        switch (plan.Action)
        {
            case PlanAction.Restart:
                await RestartAsync(plan, facts, cancellationToken).ConfigureAwait(false);
                break;
            case PlanAction.Launch:
                await LaunchAsync(plan, cancellationToken).ConfigureAwait(false);
                break;
            case PlanAction.Stop:
                await StopAsync(plan, cancellationToken).ConfigureAwait(false);
                break;
            case PlanAction.SolveOnly:
                Solve(plan.Solve, plan.Reason);
                break;
        }

        return plan.Action == PlanAction.None || plan.Action == PlanAction.SolveOnly ? plan.WakeAt : State.NextLaunchAt;
    }

    // The open problems this program owns (its name and its hearts' names).
    public IReadOnlyList<ProblemRecord> ReadProblems()
    {
        List<ProblemRecord>? problems = null;
        foreach (var name in ProblemRouter.NamesOf(Program))
        {
            // A symlink or fifo in problems/ is set aside, never read: it cannot wedge this loop (issue 14 §7).
            if (ProblemFile.ReadOrSetAside(context.Layout.Problem(name), out var setAside) is { } problem)
            {
                (problems ??= []).Add(problem);
            }
            else if (setAside is not null)
            {
                logger.LogWarning("Set aside a problem entry: {What}", setAside);
            }
        }

        return problems ?? (IReadOnlyList<ProblemRecord>)[];
    }

    private async Task WaitAsync(DateTimeOffset? wakeAt, CancellationToken cancellationToken)
    {
        try
        {
            if (wakeAt is not { } at)
            {
                await wake.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            var delay = at - context.Time.GetUtcNow();
            if (delay <= TimeSpan.Zero)
            {
                return;
            }

            using var timer = new CancellationTokenSource(delay, context.Time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
            await wake.Reader.ReadAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The timer ran out, or the daemon is stopping (RunAsync checks which).
        }
    }
}
