using System.Diagnostics;
using System.Globalization;

namespace Watchdog.Bench.Restarter;

// `restarter [--trials N] [--bin DIR]`: the restarter's figures, against the published binaries in DIR
// (default artifacts/bin, from eng/publish.sh):
//   crash → relaunched: SIGKILL of the child → the new child's first output (a bash child, as in the reference),
//   started directly and, with `user: nobody`, through watchdog-launch;
//   hang → relaunched: the new child's first output minus (last beat + timeout), with the real watchdog detecting;
//   restarter RSS and CPU while idle, with 1 and 50 programs.
internal static class RestarterSuite
{
    public static int Run(string[] args)
    {
        var trials = Option(args, "--trials", 30);
        var bin = args.SkipWhile(a => a != "--bin").Skip(1).FirstOrDefault() ?? "artifacts/bin";
        var restarter = Path.GetFullPath(Path.Combine(bin, "restarter"));
        var watchdog = Path.GetFullPath(Path.Combine(bin, "watchdog"));
        Console.WriteLine($"restarter bench: {restarter}, {trials} trials, {Environment.ProcessorCount} cores");
        Console.WriteLine(Figures.Summarize("crash → relaunched (SIGKILL → first output of the new bash child)", CrashToRelaunch(restarter, trials), "ms"));
        Console.WriteLine(Figures.Summarize("crash → relaunched, user: nobody (through watchdog-launch)", CrashToRelaunch(restarter, trials, "user: nobody"), "ms"));
        Console.WriteLine(Figures.Summarize("hang → relaunched, beyond the 1s timeout (last beat + timeout → new first output)", HangToRelaunch(restarter, watchdog, trials), "ms"));
        foreach (var programs in (int[])[1, 50])
        {
            var (rss, cpu) = Idle(restarter, programs, trials);
            Console.WriteLine(Figures.Summarize($"restarter RSS, {programs} program(s), idle", rss, "MiB"));
            Console.WriteLine(Figures.Summarize($"restarter CPU, {programs} program(s), idle (per 1s sample)", cpu, "% of one core"));
        }

        return 0;
    }

    private static List<double> CrashToRelaunch(string restarter, int trials, params string[] keys)
    {
        // backoff.reset 100ms and a pause of 300ms between trials: every crash comes after a healthy run, so each
        // relaunch is immediate (what is measured is the crash path, not the backoff).
        using var root = new BenchRoot(r => r.Program("crasher", "exec sleep 1000", ["backoff: { initial: 100ms, max: 100ms, reset: 100ms }", "limit: { restarts: 1000, within: 1s }", .. keys]));
        root.Start(restarter);
        var (pid, _) = root.NextLaunch();
        var results = new List<double>();
        for (var i = 0; i < trials; i++)
        {
            Thread.Sleep(300);
            var killedAt = Stopwatch.GetTimestamp();
            BenchRoot.Kill(pid, 9);
            (pid, var at) = root.NextLaunch();
            results.Add(Stopwatch.GetElapsedTime(killedAt, at).TotalMilliseconds);
        }

        return results;
    }

    private static List<double> HangToRelaunch(string restarter, string watchdog, int trials)
    {
        var timeout = TimeSpan.FromSeconds(1);
        using var root = new BenchRoot(
            r => r.Program("hanger", "touch $WATCHDOG_HEARTS/hanger; exec sleep 1000", "hearts: { hanger: 1s }", "startup_grace: 0", "backoff: { initial: 100ms, max: 100ms, reset: 100ms }", "limit: { restarts: 1000, within: 1s }"),
            "watchdog:\n  max_interval: 1s\n");
        root.Start(watchdog);
        root.Start(restarter);
        var (_, lastBeat) = root.NextLaunch();
        var results = new List<double>();
        for (var i = 0; i < trials; i++)
        {
            var (_, at) = root.NextLaunch();
            results.Add((Stopwatch.GetElapsedTime(lastBeat, at) - timeout).TotalMilliseconds);
            lastBeat = at;
        }

        return results;
    }

    private static (List<double> RssMiB, List<double> CpuPercent) Idle(string restarter, int programs, int samples)
    {
        using var root = new BenchRoot(r => string.Concat(Enumerable.Range(0, programs).Select(i => r.Program($"idle{i}", "exec sleep 1000"))));
        var daemon = root.Start(restarter);
        for (var i = 0; i < programs; i++)
        {
            root.NextLaunch();
        }

        Thread.Sleep(2000);
        var rss = new List<double>();
        var cpu = new List<double>();
        var ticksPerSecond = 100.0;
        var before = CpuTicks(daemon.Id);
        for (var i = 0; i < samples; i++)
        {
            var clock = Stopwatch.StartNew();
            Thread.Sleep(1000);
            var after = CpuTicks(daemon.Id);
            cpu.Add((after - before) / ticksPerSecond / clock.Elapsed.TotalSeconds * 100);
            before = after;
            rss.Add(RssKiB(daemon.Id) / 1024.0);
        }

        return (rss, cpu);
    }

    private static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    private static long RssKiB(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
