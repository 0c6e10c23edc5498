namespace Watchdog.Common.Config;

// `restarter:` — the restarter daemon and the programs it supervises.
internal sealed record RestarterOptions(
    string TagVariable,
    HistoryOptions History,
    IReadOnlyList<string> OnGiveUp,
    TimeSpan OnGiveUpTimeout,
    IReadOnlyList<ProgramOptions> Programs);
