using System.Diagnostics;
using System.Globalization;
using Watchdog.Bench.Restarter;

namespace Watchdog.Bench.Peers;

// `peers [--trials N] [--bin DIR] [--scale 1,50,500] [--idle S]`: this project (restarter + watchdog, NativeAOT binaries in
// DIR, the default config) and runit on the same workload in the same run, with ratios (watchdog / runit):
//   crash → relaunch: a program that beats every 200 ms, SIGKILLed after 1.5-2.5 s of healthy running;
//   hang → relaunch overshoot (this project only; runit has no hang detection): SIGSTOP, 2 s heart timeout;
//   at each scale (programs that beat once, then sleep; their heart timeout is 1h): PSS of the supervisors, their
//   idle CPU over --idle seconds (default 30; /proc counts in 10 ms ticks), one crash → relaunch.
// runit is installed with apt when missing (root needed).
internal static class PeerSuite
{
    private static string Beating(string heart) => $"while :; do touch {heart}; sleep 0.2; done";

    public static int Run(string[] args)
    {
        var trials = Option(args, "--trials", "12", int.Parse);
        var bin = Path.GetFullPath(Option(args, "--bin", "artifacts/bin", s => s));
        var scales = Option(args, "--scale", "1,50,500", s => s.Split(',').Select(int.Parse).ToArray());
        var idle = TimeSpan.FromSeconds(Option(args, "--idle", "30", int.Parse));
        if (!RunitInstalled())
        {
            return 1;
        }

        var daemons = new Daemons(Path.Combine(bin, "restarter"), Path.Combine(bin, "watchdog"));
        Console.WriteLine($"peers bench: {bin} against runit, {trials} trials, {Environment.ProcessorCount} cores, default config");
        Crashes(daemons, trials);
        Console.WriteLine(Figures.Summarize("hang → relaunch overshoot beyond a 2 s timeout (watchdog only)", Hangs(daemons, trials), "s"));
        foreach (var programs in scales)
        {
            AtScale(daemons, programs, trials, idle);
        }

        return 0;
    }

    private static void Crashes(Daemons daemons, int trials)
    {
        using var ours = daemons.Start(1, Beating, _ => "");
        using var runit = new RunitRoot(1, Beating);
        var random = new Random(1);
        var oursPid = ours.NextLaunch().Pid;
        var runitPid = runit.NextLaunch().Pid;
        var oursMs = new List<double>();
        var runitMs = new List<double>();
        for (var i = 0; i < trials; i++)
        {
            oursPid = CrashOnce(oursPid, ours.NextLaunch, random, oursMs);
            runitPid = CrashOnce(runitPid, runit.NextLaunch, random, runitMs);
        }

        Report("crash → relaunch after 1.5-2.5 s of healthy running", oursMs, runitMs, "ms");
    }

    // Lets the program run 1.5-2.5 s, SIGKILLs it and times its relaunch; returns the new pid.
    private static int CrashOnce(int pid, Func<(int Pid, long At)> nextLaunch, Random random, List<double> results)
    {
        Thread.Sleep(TimeSpan.FromMilliseconds(1500 + random.Next(1000)));
        var killedAt = Stopwatch.GetTimestamp();
        BenchRoot.Kill(pid, 9);
        var (next, at) = nextLaunch();
        results.Add(Stopwatch.GetElapsedTime(killedAt, at).TotalMilliseconds);
        return next;
    }

    private static List<double> Hangs(Daemons daemons, int trials)
    {
        using var ours = daemons.Start(1, Beating, _ => "hearts: { p0: 2s }");
        var random = new Random(2);
        var pid = ours.NextLaunch().Pid;
        var overshoot = new List<double>();
        for (var i = 0; i < trials; i++)
        {
            Thread.Sleep(TimeSpan.FromMilliseconds(1500 + random.Next(1000)));
            BenchRoot.Kill(pid, 19);
            // A touch forked just before the stop may still land: read the last beat once it cannot move any more.
            Thread.Sleep(300);
            var lastBeat = File.GetLastWriteTimeUtc(Path.Combine(ours.Hearts, "p0"));
            (pid, _) = ours.NextLaunch();
            overshoot.Add((DateTime.UtcNow - lastBeat - TimeSpan.FromSeconds(2)).TotalSeconds);
        }

        return overshoot;
    }

    private static void AtScale(Daemons daemons, int programs, int trials, TimeSpan idle)
    {
        using var ours = daemons.Start(programs, heart => $"touch {heart}; exec sleep 100000", i => $"hearts: {{ p{i}: 1h }}");
        using var runit = new RunitRoot(programs, heart => $"touch {heart}; exec sleep 100000");
        var oursPids = Enumerable.Range(0, programs).Select(_ => ours.NextLaunch().Pid).ToList();
        var runitPids = Enumerable.Range(0, programs).Select(_ => runit.NextLaunch().Pid).ToList();
        Thread.Sleep(3000);
        var label = $"{programs} program(s)";
        Report($"PSS of the supervisors, {label}", [ProcessCost.PssMiB(daemons.Pids(ours))], [ProcessCost.PssMiB(runit.SupervisorPids)], "MiB");
        var (oursCpu, runitCpu) = IdleCpu(() => daemons.Pids(ours), () => runit.SupervisorPids, idle);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"idle CPU of the supervisors over {idle.TotalSeconds} s, {label}: watchdog {oursCpu:0.###} %, runit {runitCpu:0.###} % of one core"));
        var random = new Random(programs);
        var oursMs = new List<double>();
        var runitMs = new List<double>();
        for (var i = 0; i < Math.Min(trials, 6); i++)
        {
            var k = random.Next(programs);
            oursPids[k] = CrashOnce(oursPids[k], ours.NextLaunch, random, oursMs);
            runitPids[k] = CrashOnce(runitPids[k], runit.NextLaunch, random, runitMs);
        }

        Report($"one crash → relaunch, {label}", oursMs, runitMs, "ms");
    }

    private static (double Ours, double Runit) IdleCpu(Func<IReadOnlyList<int>> ours, Func<IReadOnlyList<int>> runit, TimeSpan window)
    {
        var clock = Stopwatch.StartNew();
        var (oursBefore, runitBefore) = (ProcessCost.CpuTicks(ours()), ProcessCost.CpuTicks(runit()));
        Thread.Sleep(window);
        var (oursAfter, runitAfter) = (ProcessCost.CpuTicks(ours()), ProcessCost.CpuTicks(runit()));
        var seconds = clock.Elapsed.TotalSeconds;
        return ((oursAfter - oursBefore) / ProcessCost.TicksPerSecond / seconds * 100, (runitAfter - runitBefore) / ProcessCost.TicksPerSecond / seconds * 100);
    }

    private static void Report(string what, List<double> ours, List<double> runit, string unit)
    {
        Console.WriteLine(Figures.Summarize($"{what}, watchdog", ours, unit));
        Console.WriteLine(Figures.Summarize($"{what}, runit", runit, unit));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: median ratio watchdog / runit = {Median(ours) / Median(runit):0.##}"));
    }

    private static double Median(List<double> values) => double.Parse(Figures.Summarize("", values, "").Split("median=")[1].Split(' ')[0], CultureInfo.InvariantCulture);

    private static bool RunitInstalled()
    {
        if (File.Exists("/usr/bin/runsvdir"))
        {
            return true;
        }

        Console.WriteLine("installing runit (apt-get install runit) for the side-by-side figures");
        using var apt = Process.Start(new ProcessStartInfo("apt-get", ["install", "-y", "--no-install-recommends", "runit"]) { Environment = { ["DEBIAN_FRONTEND"] = "noninteractive" } })!;
        apt.WaitForExit();
        if (apt.ExitCode != 0 || !File.Exists("/usr/bin/runsvdir"))
        {
            Console.Error.WriteLine("runit is not installed and apt-get could not install it: run as root, or `apt-get install runit` first");
            return false;
        }

        return true;
    }

    private static T Option<T>(string[] args, string name, string fallback, Func<string, T> parse)
    {
        var index = Array.IndexOf(args, name);
        return parse(index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback);
    }

    // The project's two daemons on a fresh root with the default config (programs named p0, p1, ...).
    private sealed record Daemons(string Restarter, string Watchdog)
    {
        public BenchRoot Start(int programs, Func<string, string> script, Func<int, string> extra)
        {
            var root = new BenchRoot(
                r => string.Concat(Enumerable.Range(0, programs).Select(i => r.Program(
                    $"p{i}",
                    script("$WATCHDOG_HEARTS/$WATCHDOG_HEART"),
                    extra(i) is { Length: > 0 } line ? [line] : []))),
                log: "information");
            root.Start(Watchdog, quiet: true);
            root.Start(Restarter, quiet: true);
            return root;
        }

        public IReadOnlyList<int> Pids(BenchRoot root) => root.DaemonPids;
    }
}
