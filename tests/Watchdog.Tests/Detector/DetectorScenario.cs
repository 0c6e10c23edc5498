using Microsoft.Extensions.Time.Testing;
using Watchdog.Common.Config;
using Watchdog.Common.Protocol;
using Watchdog.Detector;

namespace Watchdog.Tests.Detector;

// A real temp root, a detector over it, and the two clocks moved by hand (so either can step alone).
internal sealed class DetectorScenario : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory temp = new();

    public DetectorScenario(DetectorOptions? options = null)
    {
        Layout = new RootLayout(temp.Path);
        Directory.CreateDirectory(Layout.Hearts);
        Directory.CreateDirectory(Layout.Problems);
        Options = options ?? Defaults;
        Now = new Instant(Start, TimeSpan.FromMinutes(5));
        Detector = new HeartDetector(Layout, Options, Runner, new FakeTimeProvider(Start), Logger);
    }

    public static DetectorOptions Defaults { get; } = new(
        DefaultTimeout: TimeSpan.FromSeconds(30),
        MaxInterval: TimeSpan.FromSeconds(1),
        EscalateAfter: TimeSpan.FromSeconds(60),
        Escalate: [],
        EscalateTimeout: TimeSpan.FromSeconds(30),
        OnProblem: [],
        OnProblemTimeout: TimeSpan.FromSeconds(30),
        MetricsFile: null);

    public RootLayout Layout { get; }

    public DetectorOptions Options { get; }

    public FakeCommandRunner Runner { get; } = new();

    public CapturingLogger Logger { get; } = new();

    public HeartDetector Detector { get; }

    public Instant Now { get; set; }

    public void Advance(TimeSpan elapsed) => Now = Now.Add(elapsed);

    // Steps the wall clock alone, as an NTP step or a manual `date -s` does.
    public void StepWallClock(TimeSpan step) => Now = Now with { Wall = Now.Wall + step };

    public ScanSummary Scan() => Detector.ScanOnce(Now);

    public string Heart(string name, string content, TimeSpan age)
    {
        var path = Layout.Heart(name);
        File.WriteAllText(path, content);
        File.SetLastWriteTimeUtc(path, (Now.Wall - age).UtcDateTime);
        return path;
    }

    public void Beat(string name) => File.SetLastWriteTimeUtc(Layout.Heart(name), Now.Wall.UtcDateTime);

    public bool HasProblem(string name) => File.Exists(Layout.Problem(name));

    public string ProblemText(string name) => File.ReadAllText(Layout.Problem(name));

    public void Dispose()
    {
        Detector.Dispose();
        temp.Dispose();
    }
}
