using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Watchdog.Tests.Support;

/// A real daemon (`watchdog` or `restarter`, built beside the test assembly) with its standard output and error
/// captured, started without the systemd variables of whoever runs the tests. Dispose kills it (and anything it
/// started) by PID and reaps it, so no test leaves a process behind.
public sealed partial class DaemonProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private DaemonProcess(Process process)
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

    /// `run --config configPath` of either daemon, with NOTIFY_SOCKET and WATCHDOG_USEC when given.
    public static DaemonProcess Run(string executable, string configPath, string? notifySocket = null, int? watchdogUsec = null)
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

        return Start(executable, environment, "run", "--config", configPath);
    }

    // executable: "watchdog" or "restarter" built beside the test assembly, or the absolute path of one built elsewhere.
    private static DaemonProcess Start(string executable, IReadOnlyDictionary<string, string?> environment, params string[] args)
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

        return new DaemonProcess(Process.Start(info)!);
    }

    // `run --config configPath` with standard output and error closed (`>&- 2>&-`), as a careless start script does.
    public static DaemonProcess RunWithOutputClosed(string executable, string configPath)
    {
        var info = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", "exec \"$0\" run --config \"$1\" >&- 2>&-", Path.Combine(AppContext.BaseDirectory, executable), configPath },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        RemoveSystemdVariables(info);
        return new DaemonProcess(Process.Start(info)!);
    }

    /// Runs to the end (bounded) and returns the exit code.
    public async Task<int> WaitAsync(TimeSpan deadline)
    {
        using var cts = new CancellationTokenSource(deadline);
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    /// Polls (with the default deadline) until the output holds fragment; the failure shows the output so far.
    public async Task OutputAsync(string fragment)
    {
        try
        {
            await Poll.UntilAsync(() => Output.Contains(fragment, StringComparison.Ordinal), fragment);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\noutput so far:\n{Output}", e);
        }
    }

    public void Terminate() => Signal(15);

    /// SIGKILL to the daemon alone (a crash: what it started keeps running), reaped before returning.
    public void Crash()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }
    }

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
