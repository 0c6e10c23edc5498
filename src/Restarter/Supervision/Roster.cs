namespace Watchdog.Restarter.Supervision;

// The programs being supervised, as one immutable snapshot: a reload swaps the whole roster, so the inotify thread
// and the rescan never see a half-applied one.
internal sealed class Roster
{
    public Roster(IReadOnlyList<ProgramSupervisor> programs)
    {
        Programs = programs;
        ByName = programs.ToDictionary(p => p.Name, StringComparer.Ordinal);
        Router = new ProblemRouter(programs.Select(p => p.Program));
    }

    public IReadOnlyList<ProgramSupervisor> Programs { get; }

    public IReadOnlyDictionary<string, ProgramSupervisor> ByName { get; }

    public ProblemRouter Router { get; }
}
