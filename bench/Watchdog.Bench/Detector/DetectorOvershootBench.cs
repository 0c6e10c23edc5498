using System.Diagnostics;
using System.Globalization;
using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;

namespace Watchdog.Bench.Detector;

// `detector-overshoot [trials] [timeout] [binary]`: the real `watchdog run` daemon (the binary beside this one,
// or the given one, e.g. the NativeAOT build) (default max_interval 1s) watches hearts
// that beat a few times at random moments and then stop; overshoot = the problem file's mtime (the moment the
// daemon noticed) − (the heart's last mtime + its timeout). Both stamps are file mtimes, so the figure does not
// depend on how fast this program polls.
internal static class DetectorOvershootBench
{
    public static int Run(string[] args)
    {
        var trials = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 25;
        var timeout = TimeSpan.FromSeconds(args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 1.0);
        var root = Directory.CreateTempSubdirectory("watchdog-bench-overshoot-").FullName;
        var layout = new RootLayout(Path.Combine(root, "var"));
        var config = Path.Combine(root, "watchdog.yaml");
        File.WriteAllText(config, $"root: {layout.Root}\nlog: {{ level: error }}\n");
        using var daemon = StartDaemon(config, args.Length > 2 ? args[2] : null);
        try
        {
            var ready = Stopwatch.StartNew();
            while (!File.Exists(layout.Heart("watchdog")))
            {
                if (ready.Elapsed > TimeSpan.FromSeconds(30) || daemon.HasExited)
                {
                    Console.Error.WriteLine("the daemon did not start");
                    return 1;
                }

                Thread.Sleep(10);
            }

            var overshoots = new List<double>();
            for (var i = 0; i < trials; i++)
            {
                overshoots.Add(Trial(layout, $"trial-{i:D3}", timeout).TotalMilliseconds);
            }

            overshoots.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"detection overshoot over {trials} trials (timeout {timeout.TotalSeconds}s, max_interval 1s): min {overshoots[0]:0.0} ms, median {overshoots[trials / 2]:0.0} ms, max {overshoots[^1]:0.0} ms"));
            return 0;
        }
        finally
        {
            if (!daemon.HasExited)
            {
                daemon.Kill(entireProcessTree: true);
                daemon.WaitForExit();
            }

            Directory.Delete(root, recursive: true);
        }
    }

    private static TimeSpan Trial(RootLayout layout, string name, TimeSpan timeout)
    {
        var path = layout.Heart(name);
        File.WriteAllBytes(path, HeartTimeout.Encode(timeout));
        for (var beat = 0; beat < 3; beat++)
        {
            Thread.Sleep(TimeSpan.FromMilliseconds(Random.Shared.Next(50, (int)(timeout.TotalMilliseconds * 0.8))));
            NativeMethods.Touch(path);
        }

        var lastBeat = File.GetLastWriteTimeUtc(path);
        var problem = layout.Problem(name);
        var wait = Stopwatch.StartNew();
        while (!File.Exists(problem))
        {
            if (wait.Elapsed > timeout + TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"no problem for {name}");
            }

            Thread.Sleep(5);
        }

        var noticed = File.GetLastWriteTimeUtc(problem);
        File.Delete(path);
        File.Delete(problem);
        return noticed - (lastBeat + timeout);
    }

    private static Process StartDaemon(string config, string? binary)
    {
        var apphost = binary ?? Path.Combine(AppContext.BaseDirectory, "watchdog");
        var info = File.Exists(apphost) ? new ProcessStartInfo(apphost) : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(AppContext.BaseDirectory, "watchdog.dll") } };
        info.ArgumentList.Add("run");
        info.ArgumentList.Add("--config");
        info.ArgumentList.Add(config);
        info.Environment.Remove("NOTIFY_SOCKET");
        return Process.Start(info)!;
    }
}
