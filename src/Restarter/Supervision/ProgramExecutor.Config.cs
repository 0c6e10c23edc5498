using Microsoft.Extensions.Logging;
using Watchdog.Common.Config;
using Watchdog.Common.State;

namespace Watchdog.Restarter.Supervision;

// The config side of one program's passes: a reload's options taken up between passes, and the running launch
// judged against them (DESIGN.md §5 "Reload").
internal sealed partial class ProgramExecutor
{
    public ProgramOptions Program => Volatile.Read(ref reconfigured) ?? program;

    // A reload's options for this program (DESIGN.md §5): policy keys apply from the next pass; a change to a
    // launch-affecting key restarts the running launch (ApplyConfigAsync). The caller wakes the program.
    public void Reconfigure(ProgramOptions options) => Volatile.Write(ref reconfigured, options);

    private void TakeReconfigured()
    {
        if (Volatile.Read(ref reconfigured) is not { } next)
        {
            return;
        }

        // Hearts the program no longer has: nothing will beat or reset them again.
        foreach (var heart in program.Hearts.Where(h => !next.Hearts.Any(n => n.Name == h.Name)))
        {
            context.Hearts.Remove(heart.Name);
        }

        program = next;
        fingerprint = ConfigFingerprint.Of(next);
        problems.Reconfigure(next);
        record.Reconfigure(next);

        // Cleared only after: Program never shows the old options once a reload gave new ones. A reload that came
        // meanwhile stays for the next pass.
        Interlocked.CompareExchange(ref reconfigured, null, next);
    }

    // The running launch against the config (the same judgement at start-up and on reload, from the state on disk):
    // a launch-affecting key changed → restarted through the restarter's own problem `config changed: <keys>`, which
    // history keeps with the kill and the relaunch; a state from before fingerprints → adopted, its fingerprint
    // recorded. A config change is not a failure: it is not counted for backoff or the limit. True when it restarted.
    private async Task<bool> ApplyConfigAsync(CancellationToken cancellationToken)
    {
        var state = State;
        if (ProgramChange.IsLive(state) && state.ConfigFingerprint is null)
        {
            record.Commit(Stamped(state));
            logger.LogInformation("{Program}: its state predates config fingerprints; adopted as it runs, with the current config's fingerprint", Name);
            return false;
        }

        var keys = ProgramChange.RestartKeys(state, fingerprint);
        if (keys.Count == 0)
        {
            return false;
        }

        var reason = ProgramChange.Reason(keys);
        var failure = $"{state.Tag} {reason}";
        var solve = reported == failure ? problems.Read() : problems.Record(reason);
        reported = failure;
        var killed = await KillAsync(cancellationToken).ConfigureAwait(false);
        var resolution = Launch(State, uncounted: null, onProbation: State.OnProbation, reason, killed);
        problems.Solve(solve, resolution);
        return true;
    }

    // What the state must know of the config a launch starts with (DESIGN.md §2 "State", §5 "Reload").
    private ProgramState Stamped(ProgramState state) => state with
    {
        ConfigFingerprint = fingerprint,
        HeartNames = program.Hearts.Select(h => h.Name).ToList(),
        Stop = program.Stop,
    };

    // Removed from the config, once its loop has ended: the tree is killed with the stop options it had, and its
    // main process's exit is nobody's to wait for any more. Returns what was killed.
    public async Task<string> KillForRemovalAsync()
    {
        if (State.Tag is not { } tag)
        {
            return "nothing was running";
        }

        var known = record.KnownMain;
        if (known is not null)
        {
            context.Exits.Forget(known.Pid);
        }

        return await KillAsync(tag, known, State.Cgroup, CancellationToken.None).ConfigureAwait(false);
    }
}
