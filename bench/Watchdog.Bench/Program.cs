// `dotnet run -c Release --project bench/Watchdog.Bench -- <suite> [args]`; each suite prints its figures.
var suites = new Dictionary<string, Func<string[], int>>(StringComparer.Ordinal)
{
    ["heartbeat"] = Watchdog.Bench.Heartbeat.HeartbeatSuite.Run,
    ["detector-scan"] = Watchdog.Bench.Detector.DetectorScanBench.Run,
    ["detector-overshoot"] = Watchdog.Bench.Detector.DetectorOvershootBench.Run,
    ["tag-sweep"] = Watchdog.Bench.Processes.TagSweepBench.Run,
    ["restarter"] = Watchdog.Bench.Restarter.RestarterSuite.Run,
    ["peers"] = Watchdog.Bench.Peers.PeerSuite.Run,
};

if (args.Length == 0 || !suites.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: Watchdog.Bench <suite> [args]; suites: {string.Join(", ", suites.Keys.Order())}");
    return 2;
}

return run(args[1..]);
