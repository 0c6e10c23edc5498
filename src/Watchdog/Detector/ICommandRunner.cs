namespace Watchdog.Detector;

// The OS seam for escalation and on_problem: tests replace it to drive timing without real processes.
internal interface ICommandRunner
{
    // Runs the command to its end, its timeout (then it is killed) or until stopping is cancelled (killed too).
    // Never throws: every way it can end is an outcome. Returns to the caller before any blocking work (the fork).
    Task<CommandOutcome> RunAsync(CommandRequest request, CancellationToken stopping);
}
