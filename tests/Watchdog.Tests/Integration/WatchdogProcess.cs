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

    public static WatchdogProcess Start(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        StartExecutable("watchdog", environment, args);

    // `run --config configPath` of either daemon, with NOTIFY_SOCKET and WATCHDOG_USEC when given.
    public static WatchdogProcess Run(string executable, string configPath, string? notifySocket = null, int? watchdogUsec = null)
    {
        var environment = new Dictionary<string, string?>();
        if (notifySocket is not null)
        {
            environment["NOTIFY_SOCKET"] = notifySocket;
        }

        if (watchdogUsec is { } usec)
        {
            environment["WATCHDOG_USEC"] = usec.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return StartExecutable(executable, environment, "run", "--config", configPath);
    }

    // executable: "watchdog" or "restarter", both built beside the test assembly.
    public static WatchdogProcess StartExecutable(string executable, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var apphost = Path.Combine(AppContext.BaseDirectory, executable);
        var info = File.Exists(apphost) ? new ProcessStartInfo(apphost) : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(AppContext.BaseDirectory, executable + ".dll") } };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        RemoveSystemdVariables(info);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return new WatchdogProcess(Process.Start(info)!);
    }

    // `run --config configPath` with standard output and error closed (`>&- 2>&-`), as a careless start script does.
    public static WatchdogProcess RunWithOutputClosed(string executable, string configPath)
    {
        var info = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", "exec \"$0\" run --config \"$1\" >&- 2>&-", Path.Combine(AppContext.BaseDirectory, executable), configPath },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        RemoveSystemdVariables(info);
        return new WatchdogProcess(Process.Start(info)!);
    }

    // Runs to the end (bounded) and returns the exit code.
    public async Task<int> WaitAsync(TimeSpan deadline)
    {
        using var cts = new CancellationTokenSource(deadline);
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    public void Terminate() => Signal(15);

    public void Signal(int signal) => Assert.Equal(0, Kill(process.Id, signal));

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

    private static void RemoveSystemdVariables(ProcessStartInfo info)
    {
        foreach (var name in (string[])["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "WATCHDOG_CONFIG", "JOURNAL_STREAM"])
        {
            info.Environment.Remove(name);
        }
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
