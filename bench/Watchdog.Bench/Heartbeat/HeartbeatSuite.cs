using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace Watchdog.Bench.Heartbeat;

// `heartbeat [BenchmarkDotNet args]`: a short run (3 warm-ups, 3 iterations per benchmark, one process) keeps it
// to a minute or so on a busy 2-core machine; extra switches (`--filter *Unthrottled*`) pass through.
internal static class HeartbeatSuite
{
    public static int Run(string[] args)
    {
        var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithId("ShortRun"));
        var summary = BenchmarkRunner.Run<BeatBenchmarks>(config, args);
        return summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success) ? 1 : 0;
    }
}
