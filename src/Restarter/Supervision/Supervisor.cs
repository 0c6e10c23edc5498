using System.Globalization;
using Microsoft.Extensions.Logging;
using Watchdog.Common.Hosting;
using Watchdog.Common.Protocol;
using Watchdog.Common.State;
using Watchdog.Restarter.Processes;

namespace Watchdog.Restarter.Supervision;

// All programs: start-up reconciliation (adopt, relaunch, kill this root's orphans, remove programs gone from the
// config), reload, the exit pump, file events, problems no program owns, and the orderly stop.
internal sealed partial class Supervisor
{
    private readonly SupervisionContext context;
    private readonly ILogger<Supervisor> logger;
    private readonly List<Task> background = [];

    // The inotify thread and the rescan both solve unowned problems; one at a time keeps each resolution single.
    private readonly Lock unownedLock = new();
    private readonly ProblemEntries problems;
    private readonly ProgramRemoval removal;
    private Roster roster;
    private InstanceId? instance;
    private string? directoryIssue;

    public Supervisor(SupervisionContext context)
    {
        this.context = context;
        logger = context.LoggerFactory.CreateLogger<Supervisor>();
        problems = new ProblemEntries(context.Layout, logger);
        removal = new ProgramRemoval(context, problems, logger);
        roster = new Roster(context.Options.Programs.Select(p => new ProgramSupervisor(p, context, problems)).ToList());
    }

    public IReadOnlyList<ProgramSupervisor> Programs => Volatile.Read(ref roster).Programs;

    // Reads the root's instance id and every program's state, adopts what still runs, removes the programs whose
    // state is left but which the config no longer names (DESIGN.md §5), and kills (in the background) every
    // process tagged with this root's instance id whose tag belongs to no recorded launch. Programs whose main
    // process is gone are relaunched by their first pass; a running one whose config changed is restarted by it.
    public void Start()
    {
        EnsureDirectories();
        var root = InstanceId.LoadOrCreate(context.Layout);
        instance = root;
        var tagged = context.Host.FindTagged(context.Options.TagVariable);
        foreach (var program in Programs)
        {
            program.Initialize(ReadState(program.Name), tagged, root);
        }

        var removed = RemoveUnconfigured(tagged);
        SweepOrphans(root, tagged, removed);
        SolveUnowned(startingUp: true);
    }

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
        var current = Volatile.Read(ref roster);
        if (name is not null && current.Router.OwnerOf(name) is { } owner && current.ByName.TryGetValue(owner.Name, out var program))
        {
            program.Wake();
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
        Task[] pending;
        lock (background)
        {
            pending = [.. background];
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
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

        var router = Volatile.Read(ref roster).Router;
        foreach (var name in names)
        {
            if (router.OwnerOf(name) is not null || IsRetiring(name) || problems.TryRead(name) is null)
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
    // removed: the tags of programs being removed from the config, killed by their removal with their own stop.
    private void SweepOrphans(InstanceId root, IReadOnlyList<TaggedProcess> tagged, IReadOnlyCollection<string> removed)
    {
        var known = Programs.Select(p => p.State.Tag).OfType<string>().Concat(removed).ToHashSet(StringComparer.Ordinal);
        foreach (var group in tagged.Where(t => !known.Contains(t.Tag)).GroupBy(t => t.Tag, StringComparer.Ordinal))
        {
            var pids = string.Join(' ', group.Select(t => t.Pid.ToString(CultureInfo.InvariantCulture)));
            if (root.Owns(group.Key))
            {
                logger.LogWarning("Killing processes with tag {Tag}, which belongs to no current launch: pids {Pids}", group.Key, pids);
                InBackground(KillOrphanAsync(group.Key));
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
            var report = await context.Host.KillTreeAsync(context.Options.TagVariable, tag, null, ProgramRemoval.DefaultStop, CancellationToken.None).ConfigureAwait(false);
            logger.LogInformation("Killed orphans with tag {Tag}: {Report}", tag, report.Describe());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "Killing the orphans with tag {Tag} failed", tag);
        }
    }
}
