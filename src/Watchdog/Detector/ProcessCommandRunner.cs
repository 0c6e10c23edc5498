using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Watchdog.Common.Config;
using Watchdog.Common.Processes;

namespace Watchdog.Detector;

// Runs hooks as child processes: argv straight to execve (no shell), standard input at end of file, output
// inherited (it lands in the watchdog's log stream), a fresh HookTag in the environment. At the timeout, or when
// the watchdog stops, the hook's tree is killed the restarter's way (TreeKiller: the tag finds a descendant that
// left the hook's process group or session). System.Diagnostics.Process spawns and reaps: the watchdog has no
// reaper of its own, so nothing else calls waitpid here.
internal sealed class ProcessCommandRunner(TimeProvider time, ILogger logger) : ICommandRunner
{
    // How long a killed command may take to be reaped before the outcome is reported anyway.
    private static readonly TimeSpan ReapBound = TimeSpan.FromSeconds(5);

    private static readonly StopOptions HookKill = new(SignalNames.SIGKILL, "SIGKILL", TimeSpan.Zero);

    private readonly TreeKiller killer = new(time, logger);

    public async Task<HookOutcome> RunAsync(CommandRequest request, CancellationToken stopping)
    {
        var start = time.GetTimestamp();
        var tag = Guid.NewGuid().ToString();
        var info = new ProcessStartInfo(request.Argv[0]) { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var argument in request.Argv.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in request.Environment)
        {
            info.Environment[name] = value;
        }

        info.Environment[HookTag.Variable] = tag;
        Process process;
        ProcessIdentity identity;
        try
        {
            // fork and exec on the thread pool: the caller is the scan loop.
            (process, identity) = await Task.Run(() => Start(info)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or IOException)
        {
            return HookOutcome.NotStarted(e.Message, time.GetElapsedTime(start));
        }

        using (process)
        {
            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(request.Timeout, time);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stopping);
            try
            {
                await process.WaitForExitAsync(either.Token).ConfigureAwait(false);
                return HookOutcome.Ended(process.ExitCode, null, time.GetElapsedTime(start));
            }
            catch (OperationCanceledException)
            {
                var report = await killer.KillAsync(HookTag.Selector(tag, identity), HookKill, CancellationToken.None).ConfigureAwait(false);
                logger.LogWarning("Hook {Hook} killed: {Report}", request.Display, report.Describe());
                await ReapAsync(process).ConfigureAwait(false);
                return stopping.IsCancellationRequested
                    ? new HookOutcome(HookEnd.Cancelled, time.GetElapsedTime(start))
                    : new HookOutcome(HookEnd.TimedOut, request.Timeout);
            }
        }
    }

    // The start time pins the hook's pid for the kill; a hook gone before it is read cannot be its session leader.
    private static (Process Process, ProcessIdentity Identity) Start(ProcessStartInfo info)
    {
        var process = Process.Start(info) ?? throw new InvalidOperationException("no process was started");
        var startTime = ProcFs.TryReadStat(process.Id, out var stat) ? stat.StartTime : 0UL;
        return (process, new ProcessIdentity(process.Id, startTime));
    }

    private async Task ReapAsync(Process process)
    {
        using var reap = new CancellationTokenSource(ReapBound, time);
        try
        {
            await process.WaitForExitAsync(reap.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Unkillable (stuck in the kernel): report it killed anyway; the loop must go on.
        }
    }
}
