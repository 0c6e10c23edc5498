using Watchdog.Common.Processes;

namespace Watchdog.Detector;

// The OS seam for escalation and on_problem: tests replace it to drive timing without real processes.
internal interface ICommandRunner
{
    // Runs the command to its end, its timeout (then its tree is killed) or until stopping is cancelled (killed
    // too). Never throws: every way it can end is an outcome. Returns to the caller before any blocking work.
    Task<HookOutcome> RunAsync(CommandRequest request, CancellationToken stopping);
}
