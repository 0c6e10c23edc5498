using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Watchdog.Bench.Restarter;

// A temp root with a config, the daemons as real processes, and a FIFO on which every launched program writes
// its pid as its first output: the bench reads it to time a relaunch end to end.
internal sealed partial class BenchRoot : IDisposable
{
    private readonly List<Process> daemons = [];
    private readonly LaunchFifo fifo;

    public BenchRoot(Func<BenchRoot, string> programsYaml, string watchdogYaml = "", string log = "warning")
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("watchdog-bench-").FullName;
        TagVariable = "WDB_" + Guid.NewGuid().ToString("N");
        fifo = new LaunchFifo(Path.Combine(Directory, "first-output"));

        // A program with `user:` must reach the FIFO and write it: the temp directory is 0700 otherwise.
        File.SetUnixFileMode(Directory, (UnixFileMode)Convert.ToInt32("755", 8));
        File.SetUnixFileMode(FifoPath, (UnixFileMode)Convert.ToInt32("666", 8));
        ConfigPath = Path.Combine(Directory, "watchdog.yaml");
        File.WriteAllText(ConfigPath, $"root: {Path.Combine(Directory, "root")}\nlog: {{ level: {log} }}\n{watchdogYaml}restarter:\n  tag_variable: {TagVariable}\n  programs:\n{programsYaml(this)}");
    }

    public string Directory { get; }

    public string TagVariable { get; }

    public string FifoPath => fifo.Path;

    public string ConfigPath { get; }

    public IReadOnlyList<int> DaemonPids => daemons.Select(d => d.Id).ToList();

    public string Hearts => Path.Combine(Directory, "root", "hearts");

    // A program that writes its pid to the FIFO, then runs script (e.g. `exec sleep 1000`).
    public string Program(string name, string script, params string[] extra) =>
        $"    - name: {name}\n      command: [/bin/bash, -c, 'echo $$ > {FifoPath}; {script}']\n" + string.Concat(extra.Select(e => $"      {e}\n"));

    // quiet: the daemon's console output is read and dropped (a bench run at the default log level).
    public Process Start(string executable, bool quiet = false)
    {
        var info = new ProcessStartInfo(executable, ["run", "--config", ConfigPath]) { UseShellExecute = false, RedirectStandardOutput = quiet, RedirectStandardError = quiet };
        var daemon = Process.Start(info)!;
        if (quiet)
        {
            daemon.OutputDataReceived += (_, _) => { };
            daemon.ErrorDataReceived += (_, _) => { };
            daemon.BeginOutputReadLine();
            daemon.BeginErrorReadLine();
        }

        daemons.Add(daemon);
        return daemon;
    }

    public (int Pid, long At) NextLaunch() => fifo.NextLaunch();

    public static void Kill(int pid, int signal) => _ = kill(pid, signal);

    public void Dispose()
    {
        foreach (var daemon in daemons)
        {
            if (!daemon.HasExited)
            {
                Kill(daemon.Id, 15);
                daemon.WaitForExit(TimeSpan.FromSeconds(20));
            }

            daemon.Dispose();
        }

        fifo.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
