using Watchdog.Common.Config;

namespace Watchdog.Common.State;

// The difference a reload would apply, one line per program (`add api`, `remove old`, `restart web: config
// changed: command`, `keep db`): what `validate --plan` prints, judged as the restarter judges it (ProgramChange).
internal static class ReloadPlan
{
    // states: every program with a state file, by name; a null value is a state that cannot be read (its reason in
    // unreadable).
    public static IReadOnlyList<string> Lines(IReadOnlyList<ProgramOptions> programs, IReadOnlyDictionary<string, ProgramState?> states, IReadOnlyDictionary<string, string> unreadable)
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
            else if (ProgramChange.RestartKeys(state, program) is { Count: > 0 } keys)
            {
                lines.Add($"restart {program.Name}: {ProgramChange.Reason(keys)}");
            }
            else
            {
                lines.Add($"keep {program.Name}{Note(state, program)}");
            }
        }

        lines.AddRange(states.Keys.Concat(unreadable.Keys).Where(n => !configured.Contains(n)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(n => $"remove {n}"));
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
