using Microsoft.Extensions.Logging;
using Watchdog.Common.Config;
using Watchdog.Common.Interop;
using Watchdog.Common.Processes;

namespace Watchdog.Restarter.Processes;

// Hooks (on_give_up): run like programs (own session, default signals, fds 0-2 only, a tag of their own in
// HookTag.Variable so that a descendant that left the session still dies with the hook) but their output goes
// through a pipe (they are short-lived and not adopted after a restart), and their exit is claimed from
// the reaper instead of appearing in Exits. Cancellation kills the hook as its timeout would.
internal sealed partial class LinuxProcessHost
{
    private static readonly StopOptions HookKill = new(SignalNames.SIGKILL, "SIGKILL", TimeSpan.Zero);

    public async Task<HookOutcome> RunHookAsync(IReadOnlyList<string> argv, IReadOnlyList<KeyValuePair<string, string>> environment, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        if (argv.Count == 0 || argv[0].Length == 0)
        {
            return HookOutcome.NotStarted("the hook has no command", TimeSpan.Zero);
        }

        var executable = ConfigLoader.ResolveExecutable(argv[0], Environment.CurrentDirectory);
        if (executable is null)
        {
            return HookOutcome.NotStarted($"'{argv[0]}' is not an executable file", TimeSpan.Zero);
        }

        if (!NativeMethods.CreatePipe(out var readFd, out var writeFd))
        {
            return HookOutcome.NotStarted("could not create a pipe for its output", TimeSpan.Zero);
        }

        var tag = Guid.NewGuid().ToString();
        var variables = LaunchEnvironment.Build(Environment.GetEnvironmentVariables(), environment, [new(HookTag.Variable, tag)]);
        var name = $"hook {Path.GetFileName(executable)}";
        pump.Add(name, readFd, untilEndOfFile: true);
        var ((spawned, startTime), exit) = reaper.StartClaimed(
            () =>
            {
                var result = NativeMethods.Spawn(executable, argv, variables, null, writeFd);
                return (result, result.Started && ProcFs.TryReadStat(result.Pid, out var stat) ? stat.StartTime : 0UL);
            },
            r => r.result.Started ? r.result.Pid : 0);
        NativeMethods.CloseFd(writeFd);
        if (exit is null)
        {
            return HookOutcome.NotStarted(spawned.Error ?? "the spawn failed", time.GetElapsedTime(started));
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var finished = await Task.WhenAny(exit, Task.Delay(timeout, time, timer.Token)).ConfigureAwait(false);
        if (finished == exit)
        {
            await timer.CancelAsync().ConfigureAwait(false);
            var status = await exit.ConfigureAwait(false);
            return HookOutcome.Ended(status.ExitCode, status.Signal, time.GetElapsedTime(started));
        }

        var report = await killer.KillAsync(HookTag.Selector(tag, new ProcessIdentity(spawned.Pid, startTime)), HookKill, CancellationToken.None).ConfigureAwait(false);
        logger.LogWarning("Hook {Hook} did not finish within {Timeout}; its session was killed: {Report}", name, timeout, report.Describe());
        return cancellationToken.IsCancellationRequested
            ? new HookOutcome(HookEnd.Cancelled, time.GetElapsedTime(started))
            : new HookOutcome(HookEnd.TimedOut, timeout);
    }
}
