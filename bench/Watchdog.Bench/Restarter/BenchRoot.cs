using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Watchdog.Bench.Restarter;

// A temp root with a config, the daemons as real processes, and a FIFO on which every launched program writes
// its pid as its first output: the bench reads it to time a relaunch end to end.
internal sealed partial class BenchRoot : IDisposable
{
    private readonly List<Process> daemons = [];
    private readonly FileStream fifo;
    private readonly StreamReader lines;

    public BenchRoot(Func<BenchRoot, string> programsYaml, string watchdogYaml = "")
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("watchdog-bench-").FullName;
        TagVariable = "WDB_" + Guid.NewGuid().ToString("N");
        FifoPath = Path.Combine(Directory, "first-output");
        using (var mkfifo = Process.Start("mkfifo", [FifoPath]))
        {
            mkfifo.WaitForExit();
        }

        // A program with `user:` must reach the FIFO and write it: the temp directory is 0700 otherwise.
        File.SetUnixFileMode(Directory, (UnixFileMode)Convert.ToInt32("755", 8));
        File.SetUnixFileMode(FifoPath, (UnixFileMode)Convert.ToInt32("666", 8));

        // O_RDWR: the FIFO always has a writer, so reads block for the next line instead of seeing EOF.
        fifo = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(open(FifoPath, 2), ownsHandle: true), FileAccess.Read, 1);
        lines = new StreamReader(fifo, Encoding.ASCII);
        ConfigPath = Path.Combine(Directory, "watchdog.yaml");
        File.WriteAllText(ConfigPath, $"root: {Path.Combine(Directory, "root")}\nlog: {{ level: warning }}\n{watchdogYaml}restarter:\n  tag_variable: {TagVariable}\n  programs:\n{programsYaml(this)}");
    }

    public string Directory { get; }

    public string TagVariable { get; }

    public string FifoPath { get; }

    public string ConfigPath { get; }

    public string Hearts => Path.Combine(Directory, "root", "hearts");

    // A program that writes its pid to the FIFO, then runs script (e.g. `exec sleep 1000`).
    public string Program(string name, string script, params string[] extra) =>
        $"    - name: {name}\n      command: [/bin/bash, -c, 'echo $$ > {FifoPath}; {script}']\n" + string.Concat(extra.Select(e => $"      {e}\n"));

    public Process Start(string executable)
    {
        var daemon = Process.Start(new ProcessStartInfo(executable, ["run", "--config", ConfigPath]) { UseShellExecute = false })!;
        daemons.Add(daemon);
        return daemon;
    }

    // The next pid written to the FIFO, and when it was read.
    public (int Pid, long At) NextLaunch()
    {
        var line = lines.ReadLine() ?? throw new InvalidOperationException("the FIFO closed");
        return (int.Parse(line, CultureInfo.InvariantCulture), Stopwatch.GetTimestamp());
    }

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

        lines.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial nint open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
