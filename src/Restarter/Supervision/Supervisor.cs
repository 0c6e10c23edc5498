using System.Globalization;
using Microsoft.Extensions.Logging;
using Watchdog.Common.Config;
using Watchdog.Common.Protocol;
using Watchdog.Common.State;
using Watchdog.Restarter.Processes;

namespace Watchdog.Restarter.Supervision;

// All programs: start-up reconciliation (adopt, relaunch, kill orphans), routing of exits and file events,
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

    public Supervisor(SupervisionContext context)
    {
        this.context = context;
        router = new ProblemRouter(context.Options.Programs);
        logger = context.LoggerFactory.CreateLogger<Supervisor>();
        Programs = context.Options.Programs.Select(p => new ProgramSupervisor(p, context)).ToList();
        byName = Programs.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<ProgramSupervisor> Programs { get; }

    // Reads every program's state, adopts what still runs, and kills (in the background) every tagged process
    // whose tag belongs to no recorded launch. Programs whose main process is gone are relaunched by their first pass.
    public void Start()
    {
        context.Layout.EnsureCreated();
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

            program.Initialize(recorded, tagged);
        }

        var known = Programs.Select(p => p.State.Tag).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var tag in tagged.Select(t => t.Tag).Where(t => !known.Contains(t)).Distinct(StringComparer.Ordinal))
        {
            logger.LogWarning("Killing processes with tag {Tag}, which belongs to no current launch: pids {Pids}",
                tag, string.Join(' ', tagged.Where(t => t.Tag == tag).Select(t => t.Pid.ToString(CultureInfo.InvariantCulture))));
            background.Add(KillOrphanAsync(tag));
        }

        SolveUnowned(startingUp: true);
    }

    public Task RunProgramsAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Programs.Select(p => Task.Run(() => p.RunAsync(cancellationToken), CancellationToken.None)));

    // The fast path of crash recovery: the reaper's exit goes straight to the program that launched that pid.
    public async Task PumpExitsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var exit in context.Host.Exits.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                Route(exit);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    public void Route(ChildExit exit)
    {
        foreach (var program in Programs)
        {
            if (program.MainPid == exit.Pid)
            {
                program.NotifyExit(exit);
                return;
            }
        }

        // Possibly a child whose launcher has not recorded its pid yet: whoever comes second claims it.
        context.Exits.Add(exit);
        foreach (var program in Programs)
        {
            if (program.MainPid == exit.Pid && context.Exits.TryClaim(exit.Pid, out var claimed))
            {
                program.NotifyExit(claimed!);
                return;
            }
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

    // The safety net behind inotify: every program looks again, unowned problems are solved.
    public void Rescan()
    {
        try
        {
            // An operator may have removed a directory; the protocol needs them all.
            context.Layout.EnsureCreated();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogError("Cannot create the directories under {Root}: {Error}", context.Layout.Root, e.Message);
        }

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
            $"{phases.GetValueOrDefault(ProgramPhase.Running)} running, {phases.GetValueOrDefault(ProgramPhase.Backoff)} in backoff, {phases.GetValueOrDefault(ProgramPhase.GivenUp)} given up, {phases.GetValueOrDefault(ProgramPhase.Stopped)} stopped");
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
        IEnumerable<string> names;
        try
        {
            names = Directory.EnumerateFiles(context.Layout.Problems).Select(Path.GetFileName).OfType<string>().Where(n => Names.IsValid(n)).ToList();
        }
        catch (DirectoryNotFoundException)
        {
            return;
        }

        foreach (var name in names)
        {
            if (router.OwnerOf(name) is not null || name == DaemonHearts.Watchdog)
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
            catch (IOException e)
            {
                logger.LogError(e, "Cannot move problem {Problem} to history", name);
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
