using System.Globalization;
using Microsoft.Extensions.Logging;
using Watchdog.Common.Config;
using Watchdog.Common.Hosting;
using Watchdog.Common.Protocol;
using Watchdog.Common.State;
using Watchdog.Restarter.Processes;

namespace Watchdog.Restarter.Supervision;

// All programs: start-up reconciliation (adopt, relaunch, kill this root's orphans), the exit pump, file events,
// problems no program owns, and the orderly stop.
internal sealed class Supervisor
{
    // A tagged process of no current launch has no program to take the stop options from.
    private static readonly StopOptions OrphanStop = new(15, "SIGTERM", TimeSpan.FromSeconds(5));

    private readonly SupervisionContext context;
    private readonly ProblemRouter router;
    private readonly ILogger<Supervisor> logger;
    private readonly List<Task> background = [];

    // The inotify thread and the rescan both solve unowned problems; one at a time keeps each resolution single.
    private readonly Lock unownedLock = new();
    private readonly Dictionary<string, ProgramSupervisor> byName;
    private readonly ProblemEntries problems;
    private string? directoryIssue;

    public Supervisor(SupervisionContext context)
    {
        this.context = context;
        router = new ProblemRouter(context.Options.Programs);
        logger = context.LoggerFactory.CreateLogger<Supervisor>();
        problems = new ProblemEntries(context.Layout, logger);
        Programs = context.Options.Programs.Select(p => new ProgramSupervisor(p, context, problems)).ToList();
        byName = Programs.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<ProgramSupervisor> Programs { get; }

    // Reads the root's instance id and every program's state, adopts what still runs, and kills (in the background)
    // every process tagged with this root's instance id whose tag belongs to no recorded launch. Programs whose
    // main process is gone are relaunched by their first pass.
    public void Start()
    {
        EnsureDirectories();
        var instance = InstanceId.LoadOrCreate(context.Layout);
        var tagged = context.Host.FindTagged(context.Options.TagVariable);
        foreach (var program in Programs)
        {
            ProgramState? recorded = null;
            try
            {
                recorded = context.States.Read(program.Name);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                logger.LogError("Ignoring the state of {Program}: {Error}", program.Name, e.Message);
            }

            program.Initialize(recorded, tagged, instance);
        }

        SweepOrphans(instance, tagged);
        SolveUnowned(startingUp: true);
    }

    public Task RunProgramsAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Programs.Select(p => Task.Run(() => p.RunAsync(cancellationToken), CancellationToken.None)));

    // The fast path of crash recovery: the reaper's exit goes to the ExitBook, which wakes the program that launched that pid.
    public async Task PumpExitsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var exit in context.Host.Exits.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                context.Exits.Add(exit);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    // A file appeared or vanished in problems/ or down/: wake its owner (or everyone when the name is unknown).
    public void OnFileEvent(string? name)
    {
        if (name is not null && router.OwnerOf(name) is { } owner)
        {
            byName[owner.Name].Wake();
            return;
        }

        if (name is not null && Names.IsValid(name))
        {
            SolveUnowned(startingUp: false);
        }
    }

    // An operator may have removed a directory, or replaced one by a symlink (never written through): the protocol
    // needs them all, and what is wrong is logged once per change, not on every rescan.
    private void EnsureDirectories()
    {
        string? issue = null;
        try
        {
            context.Layout.EnsureCreated();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            issue = e.Message;
        }

        if (issue != directoryIssue)
        {
            directoryIssue = issue;
            if (issue is not null)
            {
                logger.LogError("Cannot use the directories under {Root}: {Error}", context.Layout.Root, LogText.Escape(issue));
            }
            else
            {
                logger.LogInformation("The directories under {Root} are usable again", context.Layout.Root);
            }
        }
    }

    // The safety net behind inotify: every program looks again, unowned problems are solved.
    public void Rescan()
    {
        EnsureDirectories();
        foreach (var program in Programs)
        {
            program.Wake();
        }

        SolveUnowned(startingUp: false);
        context.Exits.Prune();
    }

    // Orderly stop: every running program's whole tree is killed, concurrently.
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(Programs.Select(p => ShutdownOneAsync(p, cancellationToken))).ConfigureAwait(false);
        await Task.WhenAll(background).ConfigureAwait(false);
    }

    public int PruneHistory() => context.History.Prune();

    public string Summary()
    {
        var phases = Programs.GroupBy(p => p.State.Phase).ToDictionary(g => g.Key, g => g.Count());
        return string.Create(CultureInfo.InvariantCulture,
            $"{phases.GetValueOrDefault(ProgramPhase.Running)} running, {phases.GetValueOrDefault(ProgramPhase.Backoff)} in backoff, {phases.GetValueOrDefault(ProgramPhase.GivenUp)} given up, {phases.GetValueOrDefault(ProgramPhase.Stopped)} stopped, {phases.GetValueOrDefault(ProgramPhase.Done)} done");
    }

    private async Task ShutdownOneAsync(ProgramSupervisor program, CancellationToken cancellationToken)
    {
        try
        {
            await program.ShutdownAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            logger.LogError(e, "Stopping {Program} failed", program.Name);
        }
    }

    private void SolveUnowned(bool startingUp)
    {
        lock (unownedLock)
        {
            SolveUnownedLocked(startingUp);
        }
    }

    private void SolveUnownedLocked(bool startingUp)
    {
        IReadOnlyList<string> names;
        try
        {
            names = problems.Names();
        }
        catch (Exception e) when (DiskFaults.IsExpected(e))
        {
            logger.LogError("Cannot list the problems: {Error}", e.Message);
            return;
        }

        foreach (var name in names)
        {
            if (router.OwnerOf(name) is not null || problems.TryRead(name) is null)
            {
                continue;
            }

            string resolution;
            if (name == ProblemRouter.RestarterHeart)
            {
                resolution = startingUp ? "restarter is back" : "restarter is running";
            }
            else if (ProblemRouter.IsReserved(name))
            {
                continue;
            }
            else
            {
                resolution = $"no program owns heart '{name}'; its heart file was removed";
                context.Hearts.Remove(name);
            }

            try
            {
                if (context.History.Solve(context.Layout.Problem(name), resolution))
                {
                    logger.LogInformation("Solved problem {Problem}: {Resolution}", name, resolution);
                }
            }
            catch (Exception e) when (DiskFaults.IsExpected(e))
            {
                logger.LogError("Cannot move problem {Problem} to history: {Error}", name, e.Message);
            }
        }
    }

    // Only this root's tags are signalled (issue 14 §1): another root's restarter may use the same tag variable.
    // A bare tag (from before instance ids) recorded in a state is a current launch, adopted or killed by its
    // program; any other bare tag cannot be told apart from another root's, so it is left alone and named.
    private void SweepOrphans(InstanceId instance, IReadOnlyList<TaggedProcess> tagged)
    {
        var known = Programs.Select(p => p.State.Tag).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var group in tagged.Where(t => !known.Contains(t.Tag)).GroupBy(t => t.Tag, StringComparer.Ordinal))
        {
            var pids = string.Join(' ', group.Select(t => t.Pid.ToString(CultureInfo.InvariantCulture)));
            if (instance.Owns(group.Key))
            {
                logger.LogWarning("Killing processes with tag {Tag}, which belongs to no current launch: pids {Pids}", group.Key, pids);
                background.Add(KillOrphanAsync(group.Key));
            }
            else if (InstanceId.IsBare(group.Key))
            {
                logger.LogWarning(
                    "Leaving alone processes with tag {Tag} (pids {Pids}): the tag carries no instance id and belongs to no launch of this root; if they are this root's from before the upgrade, stop them by hand",
                    group.Key,
                    pids);
            }
        }
    }

    private async Task KillOrphanAsync(string tag)
    {
        try
        {
            var report = await context.Host.KillTreeAsync(context.Options.TagVariable, tag, null, OrphanStop, CancellationToken.None).ConfigureAwait(false);
            logger.LogInformation("Killed orphans with tag {Tag}: {Report}", tag, report.Describe());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "Killing the orphans with tag {Tag} failed", tag);
        }
    }
}
