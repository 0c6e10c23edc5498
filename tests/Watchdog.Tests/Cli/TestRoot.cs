using Watchdog.Common.Processes;
using Watchdog.Common.Protocol;
using Watchdog.Common.State;

namespace Watchdog.Tests.Cli;

// A watchdog root in a temp directory, filled with real files the way the daemons write them.
internal sealed class TestRoot : IDisposable
{
    private readonly TempDirectory temp = new();

    public TestRoot()
    {
        Layout = new RootLayout(temp.Combine("root"));
        Layout.EnsureCreated();
    }

    public RootLayout Layout { get; }

    public string Path => Layout.Root;

    public StateStore States => new(Layout);

    // This test process: alive, with its real start time, so status sees a live pid.
    public static (int Pid, ulong StartTime) Self =>
        ProcFs.TryReadStat(Environment.ProcessId, out var stat) ? (stat.Pid, stat.StartTime) : throw new InvalidOperationException("no /proc/self/stat");

    public string Sibling(string name) => temp.Combine(name);

    public void Heart(string name, string content, DateTimeOffset lastBeat)
    {
        File.WriteAllText(Layout.Heart(name), content);
        File.SetLastWriteTimeUtc(Layout.Heart(name), lastBeat.UtcDateTime);
    }

    public void Problem(string name, DateTimeOffset firstNoticed, params string[] lines) =>
        Write(Layout.Problem(name), firstNoticed, lines);

    public void History(string name, DateTimeOffset firstNoticed, params string[] lines) =>
        Write(System.IO.Path.Combine(Layout.History, HistoryName.Format(firstNoticed, name)), firstNoticed, lines);

    public void State(string name, ProgramPhase phase, int pid = 0, ulong pidStartTime = 0, DateTimeOffset? launchedAt = null, DateTimeOffset[]? restarts = null, DateTimeOffset? nextLaunchAt = null, string? lastProblem = null, string? lastResolution = null, int giveUps = 0) =>
        States.Write(new ProgramState(name, phase, pid > 0 ? "tag" : null, pid, pidStartTime, launchedAt, restarts ?? [], 0, nextLaunchAt, lastProblem, lastResolution) { GiveUps = giveUps });

    public void Running(string name, DateTimeOffset launchedAt, params DateTimeOffset[] restarts)
    {
        var (pid, start) = Self;
        State(name, ProgramPhase.Running, pid, start, launchedAt, restarts);
    }

    // Both daemons' hearts, just beaten: `status` and the verbs take the daemons for running.
    public void Daemons(DateTimeOffset now)
    {
        Heart(DaemonHearts.Restarter, "60\n", now);
        Heart(DaemonHearts.Watchdog, "60\n", now);
    }

    public void Down(string name) => File.WriteAllText(Layout.DownFile(name), "stopped by test\n");

    public string Config(string extra = "")
    {
        var path = temp.Combine("watchdog.yaml");
        File.WriteAllText(path, $"root: {Path}\nwatchdog: {{ default_timeout: 45s }}\n{extra}");
        return path;
    }

    public void Dispose() => temp.Dispose();

    private static void Write(string path, DateTimeOffset mtime, string[] lines)
    {
        File.WriteAllText(path, string.Concat(lines.Select(l => l + "\n")));
        File.SetLastWriteTimeUtc(path, mtime.UtcDateTime);
    }
}
