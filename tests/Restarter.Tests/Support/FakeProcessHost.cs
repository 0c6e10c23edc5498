using System.Threading.Channels;
using Watchdog.Common.Config;
using Watchdog.Common.Processes;
using Watchdog.Restarter.Processes;

namespace Restarter.Tests.Support;

// A hand-written IProcessHost: launches are bookkeeping, kills remove every fake process with the tag.
internal sealed class FakeProcessHost : IProcessHost
{
    private readonly Channel<ChildExit> exits = Channel.CreateUnbounded<ChildExit>();
    private readonly Dictionary<int, TaggedProcess> live = [];
    private int nextPid = 1000;

    public ChannelReader<ChildExit> Exits => exits.Reader;

    public List<(string Program, Dictionary<string, string> Environment, LaunchedProcess Process)> Launches { get; } = [];

    public List<(string Tag, LaunchedProcess? Main, StopOptions Stop)> Kills { get; } = [];

    public List<string> Attached { get; } = [];

    // The cgroup each launch was asked to join, in launch order.
    public List<string?> LaunchCgroups { get; } = [];

    public List<string> Released { get; } = [];

    public List<IReadOnlyList<KeyValuePair<string, string>>> Hooks { get; } = [];

    // Called inside Launch, before it returns (to look at the disk at that instant, or to exit at once).
    public Action<LaunchedProcess, string>? DuringLaunch { get; set; }

    public string? FailNextLaunch { get; set; }

    // Runs when a kill starts (before any signal would go out), with the tag killed.
    public Action<string>? DuringKill { get; set; }

    // When set, a kill returns only once it completes (a kill that waits out its stop grace).
    public Task? KillsWaitFor { get; set; }

    public IReadOnlyCollection<TaggedProcess> Live => live.Values;

    public LaunchedProcess Launch(ProgramOptions program, IReadOnlyList<KeyValuePair<string, string>> extraEnvironment, string? cgroup)
    {
        if (FailNextLaunch is { } error)
        {
            FailNextLaunch = null;
            throw new LaunchException(error);
        }

        var environment = extraEnvironment.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var process = new LaunchedProcess(nextPid++, (ulong)(nextPid * 7));
        var tag = environment.Single(kv => kv.Key.StartsWith("WDT", StringComparison.Ordinal) || kv.Key == "WATCHDOG_TAG").Value;
        live[process.Pid] = new TaggedProcess(process.Pid, tag, process.StartTime);
        Launches.Add((program.Name, environment, process));
        LaunchCgroups.Add(cgroup);
        DuringLaunch?.Invoke(process, tag);
        return process;
    }

    // A process that exists outside any launch (a leftover of an earlier life, or an unrelated one).
    public TaggedProcess AddProcess(int pid, string tag, ulong startTime)
    {
        var process = new TaggedProcess(pid, tag, startTime);
        live[pid] = process;
        return process;
    }

    // A process without the tag variable (the pid reused by an unrelated program): FindTagged does not list it.
    public TaggedProcess AddUntaggedProcess(int pid, ulong startTime) => AddProcess(pid, "", startTime);

    public ChildExit Crash(int pid, int exitCode)
    {
        live.Remove(pid);
        var exit = new ChildExit(pid, exitCode, null);
        exits.Writer.TryWrite(exit);
        return exit;
    }

    public void AttachOutput(ProgramOptions program) => Attached.Add(program.Name);

    public void ReleaseOutput(string programName) => Released.Add(programName);

    public IReadOnlyList<TaggedProcess> FindTagged(string tagVariable) => live.Values.Where(p => p.Tag.Length > 0).ToList();

    public async Task<KillReport> KillTreeAsync(string tagVariable, string tag, LaunchedProcess? main, StopOptions stop, CancellationToken cancellationToken)
    {
        Kills.Add((tag, main, stop));
        DuringKill?.Invoke(tag);
        var victims = live.Values.Where(p => p.Tag == tag).Select(p => p.Pid).ToList();
        foreach (var pid in victims)
        {
            live.Remove(pid);
        }

        if (KillsWaitFor is { } wait)
        {
            await wait;
        }

        return new KillReport(stop.SignalName, stop.Grace, victims, [], [], [], TimeSpan.FromMilliseconds(1));
    }

    // Adopted processes are watched by the rescan only here: their end is a process removed from Live.
    public bool WatchAdopted(LaunchedProcess process, Action exited) => false;

    public bool IsSameProcess(int pid, ulong startTime) => live.TryGetValue(pid, out var p) && p.StartTime == startTime;

    public Task<HookOutcome> RunHookAsync(IReadOnlyList<string> argv, IReadOnlyList<KeyValuePair<string, string>> environment, TimeSpan timeout, CancellationToken cancellationToken)
    {
        lock (Hooks)
        {
            Hooks.Add(environment);
        }

        return Task.FromResult(HookOutcome.Ended(0, null, TimeSpan.Zero));
    }

    public void Dispose() => exits.Writer.TryComplete();
}
