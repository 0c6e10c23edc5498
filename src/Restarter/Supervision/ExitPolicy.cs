using Watchdog.Common.Config;
using Watchdog.Restarter.Processes;

namespace Watchdog.Restarter.Supervision;

// A program's `restart:` policy applied to one end of its main process (DESIGN.md §4.6): whether the exit is a
// problem at all. Only an exit is judged; a hang (a silent heart) or a mark is always a problem.
internal sealed record ExitPolicy(RestartWhen When, IReadOnlyList<int> SuccessExitCodes)
{
    public static readonly ExitPolicy Always = new(RestartWhen.Always, [0]);

    public static ExitPolicy For(ProgramOptions program) => new(program.Restart, program.SuccessExitCodes);

    // Why the exit is not restarted, or null when it is a problem. exit: null when the main process was found gone
    // without its status (adopted after a restarter restart, so not our child): only `never` accepts that, since
    // on-failure cannot tell a success from a failure it did not see.
    public string? Accepts(ChildExit? exit) => When switch
    {
        RestartWhen.Never => "not restarted (restart: never)",
        RestartWhen.OnFailure when exit is { ExitCode: { } code } && SuccessExitCodes.Contains(code) => "not restarted (on-failure)",
        _ => null,
    };
}
