using System.ComponentModel;
using System.Diagnostics;

namespace Watchdog.Detector;

// Runs hooks as child processes: argv straight to execve (no shell), standard input at end of file, output
// inherited (it lands in the watchdog's log stream), and the whole process tree killed at the timeout.
internal sealed class ProcessCommandRunner(TimeProvider time) : ICommandRunner
{
    // How long a killed command may take to be reaped before the outcome is reported anyway.
    private static readonly TimeSpan ReapBound = TimeSpan.FromSeconds(5);

    public async Task<CommandOutcome> RunAsync(CommandRequest request, CancellationToken stopping)
    {
        var start = time.GetTimestamp();
        var info = new ProcessStartInfo(request.Argv[0]) { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var argument in request.Argv.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in request.Environment)
        {
            info.Environment[name] = value;
        }

        Process process;
        try
        {
            // fork and exec on the thread pool: the caller is the scan loop.
            process = await Task.Run(() => Process.Start(info) ?? throw new InvalidOperationException("no process was started")).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or IOException)
        {
            return new CommandOutcome(CommandEnd.NotStarted, 0, time.GetElapsedTime(start), e.Message);
        }

        using (process)
        {
            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(request.Timeout, time);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stopping);
            try
            {
                await process.WaitForExitAsync(either.Token).ConfigureAwait(false);
                return new CommandOutcome(CommandEnd.Exited, process.ExitCode, time.GetElapsedTime(start), null);
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                using var reap = new CancellationTokenSource(ReapBound, time);
                try
                {
                    await process.WaitForExitAsync(reap.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Unkillable (stuck in the kernel): report it killed anyway; the loop must go on.
                }

                return new CommandOutcome(stopping.IsCancellationRequested ? CommandEnd.Cancelled : CommandEnd.TimedOut, 0, time.GetElapsedTime(start), null);
            }
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the timeout and the kill.
        }
        catch (Win32Exception)
        {
            // Same: a descendant was already gone.
        }
    }
}
