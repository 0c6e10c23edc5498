using System.Globalization;
using Microsoft.Extensions.Logging;
using Watchdog.Common.Config;
using Watchdog.Common.State;
using Watchdog.Restarter.Processes;

namespace Watchdog.Restarter.Supervision;

// The programs' own loops, and the difference between the config and the state on disk (DESIGN.md §5 "Reload"),
// applied the same way at start-up and on SIGHUP: added → launched; removed → stopped and forgotten
// (ProgramRemoval); changed → the program's next pass restarts it (ProgramExecutor.ApplyConfigAsync); unchanged →
// untouched.
internal sealed partial class Supervisor
{
    private readonly Dictionary<string, (Task Loop, CancellationTokenSource Stop)> loops = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task> removing = new(StringComparer.Ordinal);

    // Every name (program and hearts) a removal still has to solve into history: not an unowned problem meanwhile.
    private readonly HashSet<string> retiring = new(StringComparer.Ordinal);
    private CancellationToken? running;

    // Every program's loop until cancellationToken, including those a reload adds meanwhile.
    public async Task RunProgramsAsync(CancellationToken cancellationToken)
    {
        lock (loops)
        {
            running = cancellationToken;
            foreach (var program in Programs)
            {
                StartLoop(program);
            }
        }

        var stopped = new TaskCompletionSource();
        await using (cancellationToken.Register(() => stopped.TrySetResult()))
        {
            await stopped.Task.ConfigureAwait(false);
        }

        Task[] ended;
        lock (loops)
        {
            ended = [.. loops.Values.Select(l => l.Loop)];
        }

        await Task.WhenAll(ended).ConfigureAwait(false);
    }

    // A good config's programs replace the current ones. Runs on the daemon's loop and returns at once: the
    // removals run in the background (the returned task, also awaited by StopAsync), each program applies its own
    // change in its own next pass.
    public Task Reload(IReadOnlyList<ProgramOptions> configured)
    {
        var current = Volatile.Read(ref roster);
        var wanted = configured.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var next = new List<ProgramSupervisor>(configured.Count);
        var added = new List<ProgramSupervisor>();
        foreach (var options in configured)
        {
            if (current.ByName.TryGetValue(options.Name, out var existing))
            {
                existing.Reconfigure(options);
                next.Add(existing);
            }
            else
            {
                var program = new ProgramSupervisor(options, context, problems);
                next.Add(program);
                added.Add(program);
            }
        }

        var updated = new Roster(next);
        Volatile.Write(ref roster, updated);
        var removals = current.Programs.Where(p => !wanted.Contains(p.Name)).Select(p => Remove(p, updated)).ToList();
        if (added.Count > 0)
        {
            var tagged = context.Host.FindTagged(context.Options.TagVariable);
            foreach (var program in added)
            {
                InBackground(AddAsync(program, tagged));
            }
        }

        logger.LogInformation(
            "Config reloaded: {Added} added, {Removed} removed, {Kept} kept (each restarted only if its launch-affecting config changed)",
            added.Count,
            removals.Count,
            next.Count - added.Count);
        return Task.WhenAll(removals);
    }

    // A program added by a reload: a state left on disk is taken as at start-up (a removal of the same name still
    // running finishes first), then its loop starts.
    private async Task AddAsync(ProgramSupervisor program, IReadOnlyList<TaggedProcess> tagged)
    {
        Task? before;
        lock (removing)
        {
            before = removing.GetValueOrDefault(program.Name);
        }

        if (before is not null)
        {
            await before.ConfigureAwait(false);
            tagged = context.Host.FindTagged(context.Options.TagVariable);
        }

        program.Initialize(ReadState(program.Name), tagged, instance ?? throw new InvalidOperationException("the supervisor was not started"));
        lock (loops)
        {
            StartLoop(program);
        }

        program.Wake();
    }

    private Task Remove(ProgramSupervisor program, Roster updated)
    {
        var hearts = program.Program.Hearts.Select(h => h.Name).ToList();
        return Retire(program.Name, hearts, async () =>
        {
            await StopLoopAsync(program.Name).ConfigureAwait(false);
            await removal.RemoveAsync(program.Name, hearts, name => updated.Router.OwnerOf(name) is not null, program.KillForRemovalAsync).ConfigureAwait(false);
        });
    }

    // Runs a removal in the background; until it ends its names are no unowned problem's, and an add of the same
    // name waits for it.
    private Task Retire(string name, IReadOnlyList<string> hearts, Func<Task> remove)
    {
        var names = hearts.Prepend(name).ToList();
        lock (removing)
        {
            retiring.UnionWith(names);
        }

        var task = RetireAsync(names, remove);
        lock (removing)
        {
            removing[name] = task;
        }

        InBackground(task);
        return task;
    }

    private async Task RetireAsync(IReadOnlyList<string> names, Func<Task> remove)
    {
        try
        {
            await remove().ConfigureAwait(false);
        }
        finally
        {
            lock (removing)
            {
                retiring.ExceptWith(names);
            }
        }
    }

    private bool IsRetiring(string name)
    {
        lock (removing)
        {
            return retiring.Contains(name);
        }
    }

    // At start-up: every state on disk the config no longer names. Returns the tags their removal kills.
    private List<string> RemoveUnconfigured(IReadOnlyList<TaggedProcess> tagged)
    {
        var current = Volatile.Read(ref roster);
        var tags = new List<string>();
        foreach (var name in context.States.Names().Where(n => !current.ByName.ContainsKey(n)))
        {
            if (ReadState(name) is not { } state)
            {
                continue;
            }

            var main = state.Pid > 0 && context.Host.IsSameProcess(state.Pid, state.PidStartTime) && tagged.Any(t => t.Pid == state.Pid && t.Tag == state.Tag)
                ? new LaunchedProcess(state.Pid, state.PidStartTime)
                : null;
            if (state.Tag is { } tag)
            {
                tags.Add(tag);
            }

            logger.LogInformation("{Program} is no longer in the config: stopping it (pid {Pid}) and removing its state", name, state.Pid.ToString(CultureInfo.InvariantCulture));
            var hearts = state.HeartNames ?? [name];
            _ = Retire(name, hearts, () => removal.RemoveAsync(name, hearts, n => current.Router.OwnerOf(n) is not null, () => removal.KillAsync(state, main)));
        }

        return tags;
    }

    private ProgramState? ReadState(string name)
    {
        try
        {
            return context.States.Read(name);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            logger.LogError("Ignoring the state of {Program}: {Error}", name, e.Message);
            return null;
        }
    }

    // Under the loops lock. Nothing starts before RunProgramsAsync (unit tests drive the passes themselves).
    private void StartLoop(ProgramSupervisor program)
    {
        if (running is not { } token || loops.ContainsKey(program.Name))
        {
            return;
        }

        var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        loops[program.Name] = (Task.Run(() => program.RunAsync(stop.Token), CancellationToken.None), stop);
    }

    private async Task StopLoopAsync(string name)
    {
        (Task Loop, CancellationTokenSource Stop) loop;
        lock (loops)
        {
            if (!loops.Remove(name, out loop))
            {
                return;
            }
        }

        await loop.Stop.CancelAsync().ConfigureAwait(false);
        await loop.Loop.ConfigureAwait(false);
        loop.Stop.Dispose();
    }

    private void InBackground(Task task)
    {
        lock (background)
        {
            background.Add(task);
        }
    }
}
