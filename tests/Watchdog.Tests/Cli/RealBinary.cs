using System.Diagnostics;

namespace Watchdog.Tests.Cli;

// The built `watchdog` binary as a real process, for what only a real process shows: its standard streams, its
// umask. Every process started here is waited for within a deadline, and killed by PID if it outlives it.
internal static class RealBinary
{
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "watchdog");

    // Runs /bin/sh -c script with $0 = the watchdog binary and $1… = args; stdout and stderr captured.
    public static Task<CliResult> ShellAsync(string script, params string[] args) => RunAsync("/bin/sh", ["-c", script, Path, .. args]);

    // Runs file with args (WATCHDOG_CONFIG unset); stdout and stderr captured.
    public static async Task<CliResult> RunAsync(string file, IEnumerable<string> args)
    {
        using var process = Start(file, args);
        try
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(Poll.DefaultDeadline);
            await process.WaitForExitAsync(deadline.Token);
            return new CliResult(process.ExitCode, await output, await error);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    // Runs the binary with stdout a pipe whose reader reads one character and then closes it, as `| head -c1` does.
    public static async Task<CliResult> WithReaderGoneAfterOneCharAsync(params string[] args)
    {
        using var process = Start(Path, args);
        try
        {
            var error = process.StandardError.ReadToEndAsync();
            var first = new char[1];
            var read = await process.StandardOutput.ReadAsync(first);
            process.StandardOutput.Dispose();
            using var deadline = new CancellationTokenSource(Poll.DefaultDeadline);
            await process.WaitForExitAsync(deadline.Token);
            return new CliResult(process.ExitCode, new string(first, 0, read), await error);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    private static Process Start(string file, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("WATCHDOG_CONFIG");
        return Process.Start(info)!;
    }
}
