// `dotnet run -c Release --project bench/Watchdog.Bench -- <suite> [args]`; each suite prints its figures.
var suites = new Dictionary<string, Func<string[], int>>(StringComparer.Ordinal)
{
    ["heartbeat"] = Watchdog.Bench.Heartbeat.HeartbeatSuite.Run,
};

if (args.Length == 0 || !suites.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: Watchdog.Bench <suite> [args]; suites: {string.Join(", ", suites.Keys.Order())}");
    return 2;
}

return run(args[1..]);
