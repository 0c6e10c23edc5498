using System.Diagnostics;
using Watchdog.Bench.Restarter;

namespace Watchdog.Bench.Peers;

// The same workload under runit (Debian's `runit`): one service directory per program below a runsvdir, each
// `run` file the same bash script the watchdog bench gives its restarter, writing its pid to a FIFO first.
internal sealed class RunitRoot : IDisposable
{
    private readonly LaunchFifo fifo;
    private readonly Process runsvdir;

    public RunitRoot(int programs, Func<string, string> script)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("runit-bench-").FullName;
        fifo = new LaunchFifo(Path.Combine(Directory, "first-output"));
        var services = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "sv")).FullName;
        for (var i = 0; i < programs; i++)
        {
            var service = System.IO.Directory.CreateDirectory(Path.Combine(services, $"p{i}")).FullName;
            var run = Path.Combine(service, "run");
            File.WriteAllText(run, $"#!/bin/bash\necho $$ > {fifo.Path}; {script(Path.Combine(service, "heart"))}\n");
            File.SetUnixFileMode(run, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        runsvdir = Process.Start(new ProcessStartInfo("runsvdir", [services]) { UseShellExecute = false })!;
    }

    public string Directory { get; }

    // runsvdir and its runsv processes: what runit spends on supervision (the programs are not counted).
    public IReadOnlyList<int> SupervisorPids => [runsvdir.Id, .. ProcessCost.ChildrenOf(runsvdir.Id)];

    public (int Pid, long At) NextLaunch() => fifo.NextLaunch();

    public void Dispose()
    {
        // HUP: runsvdir sends TERM to every runsv, each of which stops its service (TERM + CONT) and exits.
        var runsvs = ProcessCost.ChildrenOf(runsvdir.Id);
        BenchRoot.Kill(runsvdir.Id, 1);
        runsvdir.WaitForExit(TimeSpan.FromSeconds(20));
        runsvdir.Dispose();
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 20);
        while (runsvs.Any(pid => File.Exists($"/proc/{pid}/stat")) && Stopwatch.GetTimestamp() < deadline)
        {
            Thread.Sleep(50);
        }

        fifo.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
