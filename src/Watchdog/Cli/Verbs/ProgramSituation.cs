using Watchdog.Cli.Reading;
using Watchdog.Cli.Text;
using Watchdog.Cli.Views;
using Watchdog.Common.Protocol;
using Watchdog.Common.State;

namespace Watchdog.Cli.Verbs;

// What the restarter will really do with an operator's request about one program, read from disk: the program's
// state, down/, and the restarter's own heart. Program: the program that owns the name asked about.
internal sealed record ProgramSituation(string Program, ProgramView View, DaemonView Restarter)
{
    public static ProgramSituation Read(OperatorRoot root, string name, DateTimeOffset now)
    {
        var program = root.Config?.Restarter.Programs.FirstOrDefault(p => p.OwnedNames.Contains(name, StringComparer.Ordinal))?.Name ?? name;
        var view = ProgramReader.Read(new StateStore(root.Layout), program, DownFile.IsPresent(root, program), now);
        var heart = HeartReader.Read(root.Layout.Heart(DaemonHearts.Restarter), root.DefaultTimeout, now, []);
        return new ProgramSituation(program, view, new DaemonView(DaemonHearts.Restarter, heart));
    }

    public ProgramCondition Condition => View.Condition;

    // Why a restart asked for now would not happen, with what to run instead; null when it would.
    public string? WhyNoRestart => Condition switch
    {
        ProgramCondition.Stopped or ProgramCondition.Stopping =>
            $"'{Program}' is stopped (down/{Program}); `watchdog start {Program}` runs it again",
        ProgramCondition.GivenUp when View.State?.NextLaunchAt is { } next =>
            $"'{Program}' is given up until {ProblemLine.Timestamp(next)}; `watchdog reset {Program}` launches it now",
        _ => null,
    };

    // Null while the restarter's heart is fresh; otherwise that nothing acts on the request until one runs.
    public string? RestarterAbsent => Restarter.Running
        ? null
        : $"no restarter is running ({Restarter.Why}): nothing will restart or start '{Program}' until one runs";

    public string Describe() => ProgramStateText.Of(View, View.Now);
}
