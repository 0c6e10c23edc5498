using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Watchdog.Common.Config;
using Watchdog.Common.Processes;
using Watchdog.Common.Protocol;
using Watchdog.Restarter.Processes;

namespace Watchdog.Bench.Processes;

// Tag sweep with N tagged processes running: how long one /proc scan for a launch's tag takes (the rescan
// the tree killer repeats), and how long killing the whole tagged set takes (SIGTERM, all die at once).
// `dotnet run -c Release --project bench/Watchdog.Bench -- tag-sweep [processes] [scan-trials] [kill-trials]`
internal static class TagSweepBench
{
    private const string TagVariable = "WATCHDOG_BENCH_TAG";

    public static int Run(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var scanTrials = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        var killTrials = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
        var root = Directory.CreateTempSubdirectory("watchdog-bench-").FullName;
        try
        {
            using var host = new LinuxProcessHost(new RootLayout(root), NullLogger<LinuxProcessHost>.Instance, TimeProvider.System);
            var program = new ProgramOptions("bench", ["/bin/sleep", "100000"], "/bin/sleep", null, [], [], TimeSpan.Zero,
                new StopOptions(SignalNames.SIGTERM, "SIGTERM", TimeSpan.FromSeconds(10)), new BackoffOptions(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero),
                new LimitOptions(1, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)), "/dev/null");

            var scans = new List<double>();
            var kills = new List<double>();
            var launches = new List<double>();
            for (var trial = 0; trial < Math.Max(scanTrials, killTrials); trial++)
            {
                var tag = Guid.NewGuid().ToString();
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < count; i++)
                {
                    host.Launch(program, [new(TagVariable, tag)], cgroup: null);
                }

                launches.Add(clock.Elapsed.TotalMilliseconds);
                WaitForExec(host, tag, count);
                if (trial < scanTrials)
                {
                    clock.Restart();
                    var found = TreeKiller.Scan(new TreeSelector($"{TagVariable}={tag}", null)).Count;
                    scans.Add(clock.Elapsed.TotalMilliseconds);
                    if (found != count)
                    {
                        Console.Error.WriteLine($"scan found {found} of {count} tagged processes");
                        return 1;
                    }
                }

                clock.Restart();
                var report = host.KillTreeAsync(TagVariable, tag, null, program.Stop, CancellationToken.None).GetAwaiter().GetResult();
                if (trial < killTrials)
                {
                    kills.Add(clock.Elapsed.TotalMilliseconds);
                }

                if (!report.Complete || report.Signalled.Count != count)
                {
                    Console.Error.WriteLine($"kill incomplete: {report.Describe()}");
                    return 1;
                }
            }

            var processes = ProcFs.EnumeratePids().Count();
            Console.WriteLine($"tag-sweep: {count} tagged processes (+ {processes} others in /proc at the end), {Environment.ProcessorCount} cores");
            Print($"scan /proc for the tag ({scans.Count} trials)", scans);
            Print($"kill the tagged tree: SIGTERM+SIGCONT, wait, rescan ({kills.Count} trials)", kills);
            Print($"launch {count} processes with posix_spawn ({launches.Count} trials)", launches);
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    // posix_spawn returns early in execve(2); the environment (and so the tag) shows once the exec is done.
    private static void WaitForExec(LinuxProcessHost host, string tag, int count)
    {
        var clock = Stopwatch.StartNew();
        while (host.FindTagged(TagVariable).Count(t => t.Tag == tag) < count && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            Thread.Sleep(10);
        }
    }

    private static void Print(string what, List<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        Console.WriteLine(FormattableString.Invariant($"  {what}: min {sorted[0]:0.0} ms, median {median:0.0} ms, max {sorted[^1]:0.0} ms"));
    }
}
