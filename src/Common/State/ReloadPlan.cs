using Watchdog.Common.Config;

namespace Watchdog.Common.State;

// The difference a reload would apply, one line per program (`add api`, `remove old`, `restart web: config
// changed: command`, `keep db`): what `validate --plan` prints, judged as the restarter judges it (ProgramChange).
internal static class ReloadPlan
{
    // states: every program's state that could be read, by name; unreadable: why the others could not.
    public static IReadOnlyList<string> Lines(IReadOnlyList<ProgramOptions> programs, IReadOnlyDictionary<string, ProgramState> states, IReadOnlyDictionary<string, string> unreadable)
    {
        var lines = new List<string>();
        var configured = programs.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var program in programs)
        {
            if (unreadable.TryGetValue(program.Name, out var why))
            {
                lines.Add($"relaunch {program.Name}: its state cannot be read ({why})");
            }
            else if (states.GetValueOrDefault(program.Name) is not { } state)
            {
                lines.Add($"add {program.Name}");
            }
            else if (ProgramChange.RestartKeys(state, ConfigFingerprint.Of(program)) is { Count: > 0 } keys)
            {
                lines.Add($"restart {program.Name}: {ProgramChange.Reason(keys)}");
            }
            else
            {
                lines.Add($"keep {program.Name}{Note(state, program)}");
            }
        }

        lines.AddRange(states.Keys.Where(n => !configured.Contains(n)).Order(StringComparer.Ordinal).Select(n => $"remove {n}"));
        lines.AddRange(unreadable.Where(u => !configured.Contains(u.Key)).OrderBy(u => u.Key, StringComparer.Ordinal)
            .Select(u => $"leave {u.Key}: not in the config, but its state cannot be read ({u.Value}); stop what it ran and remove the file by hand"));
        return lines;
    }

    private static string Note(ProgramState state, ProgramOptions program)
    {
        if (!ProgramChange.IsLive(state))
        {
            return ConfigFingerprint.Differences(state.ConfigFingerprint, ConfigFingerprint.Of(program)).Count > 0
                ? " (not running; its next launch uses the new config)"
                : "";
        }

        return state.ConfigFingerprint is null ? " (its state predates config fingerprints: adopted as it runs, the fingerprint recorded)" : "";
    }
}
