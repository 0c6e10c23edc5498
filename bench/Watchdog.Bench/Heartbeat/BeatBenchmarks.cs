using BenchmarkDotNet.Attributes;
using Watchdog.Heartbeat;

namespace Watchdog.Bench.Heartbeat;

// Heart.Beat() as a hot loop sees it: throttled (the common case, one clock read) and unthrottled
// (every call is a utimensat on a real file in a temp directory).
[MemoryDiagnoser]
public class BeatBenchmarks
{
    private string _directory = "";
    private Heart _throttled = null!;
    private Heart _unthrottled = null!;
    private Heart _unsupervised = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("watchdog-bench-").FullName;
        _throttled = new Heart(_directory, "throttled", TimeSpan.FromSeconds(30));
        _unthrottled = new Heart(_directory, "unthrottled", TimeSpan.FromSeconds(30), new HeartOptions { ThrottleInterval = TimeSpan.Zero });
        _unsupervised = Heart.FromEnvironment("unsupervised", TimeSpan.FromSeconds(30));
        if (!_throttled.Beat() || !_unthrottled.Beat())
        {
            throw new InvalidOperationException($"cannot beat in {_directory}");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    // What a throttled beat cannot go below: the clock read itself.
    [Benchmark(Baseline = true)]
    public long ClockRead() => TimeProvider.System.GetTimestamp();

    [Benchmark]
    public bool Throttled() => _throttled.Beat();

    [Benchmark]
    public bool Unthrottled() => _unthrottled.Beat();

    [Benchmark]
    public bool Unsupervised() => _unsupervised.Beat();
}
