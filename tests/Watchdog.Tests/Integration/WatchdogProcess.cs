using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Watchdog.Tests.Integration;

// The real `watchdog` executable built beside the test assembly, with its output captured.
// Dispose kills it (and anything it started) by PID.
internal sealed partial class WatchdogProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private WatchdogProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Pid => process.Id;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public static WatchdogProcess Start(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var apphost = Path.Combine(AppContext.BaseDirectory, "watchdog");
        var info = File.Exists(apphost) ? new ProcessStartInfo(apphost) : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(AppContext.BaseDirectory, "watchdog.dll") } };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        foreach (var name in (string[])["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "WATCHDOG_CONFIG", "JOURNAL_STREAM"])
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return new WatchdogProcess(Process.Start(info)!);
    }

    // Runs to the end (bounded) and returns the exit code.
    public async Task<int> WaitAsync(TimeSpan deadline)
    {
        using var cts = new CancellationTokenSource(deadline);
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    public void Terminate() => Assert.Equal(0, Kill(process.Id, 15));

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It ended on its own meanwhile.
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
