namespace Watchdog.Cli.Json;

// `watchdog status --json`.
internal sealed record StatusDocument(
    int Version,
    string Root,
    string Now,
    bool Healthy,
    IReadOnlyList<ProgramJson> Programs,
    IReadOnlyList<HeartJson> Hearts,
    IReadOnlyList<ProblemJson> Problems,
    IReadOnlyList<string> Errors)
{
    // The daemons judged by their hearts (only when programs are configured).
    public IReadOnlyList<DaemonJson> Daemons { get; init; } = [];

    // One line per daemon running its previous config because it rejected the reloaded one.
    public IReadOnlyList<string> ConfigRejected { get; init; } = [];
}
