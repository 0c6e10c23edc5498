using Watchdog.Common.Config;

namespace Watchdog.Common.State;

// What the config on disk means for one program the restarter already has state for (DESIGN.md §5 "Reload"): the
// restarter's start, SIGHUP and `validate --plan` all judge it here, from the state on disk, so a restarter killed
// half-way through applying a change judges it the same way when it comes back.
internal static class ProgramChange
{
    public const string Removed = "removed from the config";

    // A launch is running (or being started): its config is the one its state recorded.
    public static bool IsLive(ProgramState state) => state.Phase == ProgramPhase.Running && state.Pid > 0;

    // The launch-affecting keys that changed since the running launch started; empty when nothing runs, nothing
    // changed, or the state was written before fingerprints existed (such a launch is adopted as it is).
    // fingerprint: ConfigFingerprint.Of the program's current options (a caller judging often computes it once).
    public static IReadOnlyList<string> RestartKeys(ProgramState state, string fingerprint) =>
        IsLive(state) ? ConfigFingerprint.Differences(state.ConfigFingerprint, fingerprint) : [];

    public static string Reason(IReadOnlyList<string> keys) => "config changed: " + string.Join(", ", keys);
}
