using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Watchdog.Common.Config;
using Watchdog.Common.Interop;
using Watchdog.Common.Processes;
using Watchdog.Common.Protocol;
using Watchdog.Detector;

namespace Watchdog.Bench.Detector;

// `detector-scan [passes]`: the cost of one HeartDetector.ScanOnce pass at 100 / 1,000 / 10,000 hearts, in µs per
// heart, when nothing changed (steady state) and when every heart beat since the last pass (contents re-read),
// beside the floor of one lstat per file.
internal static class DetectorScanBench
{
    private static readonly int[] Sizes = [100, 1_000, 10_000];

    public static int Run(string[] args)
    {
        var budget = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200_000;
        Console.WriteLine($"{"hearts",7} {"steady µs/heart",16} {"all beat µs/heart",18} {"lstat floor µs",15} {"steady B/pass",14}");
        foreach (var size in Sizes)
        {
            var root = Directory.CreateTempSubdirectory("watchdog-bench-scan-").FullName;
            try
            {
                Measure(root, size, Math.Max(5, budget / size));
            }
            finally
            {
                Directory.Delete(root, recursive: true);
            }
        }

        return 0;
    }

    private static void Measure(string root, int size, int passes)
    {
        var layout = new RootLayout(root);
        layout.EnsureCreated();
        var content = HeartTimeout.Encode(TimeSpan.FromHours(1));
        for (var i = 0; i < size; i++)
        {
            File.WriteAllBytes(layout.Heart($"heart-{i:D5}"), content);
        }

        var options = new DetectorOptions(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), [], TimeSpan.FromSeconds(30), [], TimeSpan.FromSeconds(30), null);
        using var detector = new HeartDetector(layout, options, new NoCommands(), TimeProvider.System, NullLogger.Instance);
        var start = Stopwatch.GetTimestamp();
        Instant Now() => new(DateTimeOffset.UtcNow, Stopwatch.GetElapsedTime(start));
        for (var i = 0; i < 3; i++)
        {
            detector.ScanOnce(Now());
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < passes; i++)
        {
            detector.ScanOnce(Now());
        }

        var steady = clock.Elapsed.TotalMicroseconds / passes / size;
        var bytesPerPass = (GC.GetAllocatedBytesForCurrentThread() - allocated) / passes;

        var beatPasses = Math.Max(3, passes / 10);
        var beating = TimeSpan.Zero;
        for (var i = 0; i < beatPasses; i++)
        {
            for (var h = 0; h < size; h++)
            {
                NativeMethods.Touch(layout.Heart($"heart-{h:D5}"));
            }

            clock.Restart();
            detector.ScanOnce(Now());
            beating += clock.Elapsed;
        }

        var floor = LstatFloor(layout.Hearts, size, passes);
        Console.WriteLine($"{size,7} {steady,16:0.00} {beating.TotalMicroseconds / beatPasses / size,18:0.00} {floor,15:0.00} {bytesPerPass,14}");
    }

    // One statx per file by path: the least any poller must pay.
    private static double LstatFloor(string directory, int size, int passes)
    {
        var paths = Enumerable.Range(0, size).Select(i => System.Text.Encoding.UTF8.GetBytes(Path.Combine(directory, $"heart-{i:D5}") + "\0")).ToArray();
        var clock = Stopwatch.StartNew();
        for (var p = 0; p < passes; p++)
        {
            foreach (var path in paths)
            {
                NativeMethods.StatNoFollow(path, out _);
            }
        }

        return clock.Elapsed.TotalMicroseconds / passes / size;
    }

    private sealed class NoCommands : ICommandRunner
    {
        public Task<HookOutcome> RunAsync(CommandRequest request, CancellationToken stopping) =>
            Task.FromResult(HookOutcome.Ended(0, null, TimeSpan.Zero));
    }
}
