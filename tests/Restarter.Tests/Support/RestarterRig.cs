using Watchdog.Common.Protocol;
using Watchdog.Common.State;

namespace Restarter.Tests.Support;

// The real restarter executable on a temp root, with a tag variable of the test's own (WDT_<guid>), or the
// default one (WATCHDOG_TAG, shared with every other restarter on the host). Tagged() and the sweep at the end
// see only processes whose tag carries this root's instance id, so they never touch another root's processes.
internal sealed class RestarterRig : IDisposable
{
    private const string DefaultTagVariable = "WATCHDOG_TAG";

    private readonly TempDirectory directory = new();
    private readonly List<DaemonProcess> daemons = [];
    private DaemonProcess? restarter;

    // root: a directory of the test's own (a tmpfs, to fill it); below the rig's temp directory when null.
    public RestarterRig(bool defaultTagVariable = false, string? root = null)
    {
        Layout = new RootLayout(root ?? directory.Combine("root"));
        ConfigPath = directory.Combine("watchdog.yaml");
        TagVariable = defaultTagVariable ? DefaultTagVariable : "WDT_" + Guid.NewGuid().ToString("N");
    }

    public string TagVariable { get; }

    // The root's instance id, once the restarter has created it.
    public string? Instance
    {
        get
        {
            var path = Path.Combine(Layout.State, "instance");
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
    }

    public RootLayout Layout { get; }

    public string ConfigPath { get; }

    public string Scratch => directory.Path;

    public int? Pid => restarter is { HasExited: false } p ? p.Pid : null;

    // What every daemon started on the rig printed, daemon by daemon in the order they were started.
    public string Output => string.Concat(daemons.Select(d => d.Output));

    // programs: the YAML list items under restarter.programs (see Program).
    public void Configure(string programs)
    {
        File.WriteAllText(ConfigPath, $$"""
            root: {{Layout.Root}}
            log: { level: debug }
            restarter:
              {{(TagVariable == DefaultTagVariable ? "" : "tag_variable: " + TagVariable)}}
              programs:
            {{programs}}
            """);
    }

    // One item of restarter.programs running a bash script; extra: more keys, e.g. "stop: { grace: 500ms }".
    public static string Program(string name, string script, params string[] extra) =>
        $"    - name: {name}\n      command: [/bin/bash, -c, '{script.Replace("'", "''", StringComparison.Ordinal)}']\n"
        + string.Concat(extra.Select(e => $"      {e}\n"));

    public void Start(string? notifySocket = null) => restarter = Own(DaemonProcess.Run("restarter", ConfigPath, notifySocket));

    // The real detector on the same config: hearts gone silent become problems the restarter solves.
    public void StartWatchdog() => Own(DaemonProcess.Run("watchdog", ConfigPath));

    public void Crash() => restarter?.Crash();

    // SIGHUP: the restarter reloads its config (DESIGN.md §5).
    public void Reload() => restarter?.Signal(1);

    // SIGTERM; returns the exit code.
    public async Task<int> StopAsync()
    {
        var p = restarter ?? throw new InvalidOperationException("not started");
        p.Terminate();
        return await p.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public IReadOnlyList<(int Pid, string Tag)> Tagged() => [.. TaggedProcesses.Find(TagVariable).Where(p => IsMine(p.Tag))];

    public ProgramState? State(string program)
    {
        try
        {
            return new StateStore(Layout).Read(program);
        }
        catch (InvalidDataException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public string[] History() => Directory.Exists(Layout.History) ? Directory.GetFiles(Layout.History).Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray() : [];

    public void Problem(string name, string text, DateTimeOffset? noticed = null) =>
        ProblemFile.TryCreate(Layout, name, noticed ?? DateTimeOffset.UtcNow, "test", text);

    public bool IsOpen(string problem) => File.Exists(Layout.Problem(problem));

    // A Running state whose main process is alive and carries the state's tag: the program's current instance.
    public async Task<ProgramState> RunningAsync(string program, string? notTag = null)
    {
        ProgramState? running = null;
        await UntilAsync(
            () => (running = State(program) is { Phase: ProgramPhase.Running, Pid: > 0 } s && s.Tag != notTag && Tagged().Contains((s.Pid, s.Tag!)) ? s : null) is not null,
            () => $"{program} running{(notTag is null ? "" : " with a tag other than " + notTag)}; state: {State(program)}");
        return running!;
    }

    // Poll.UntilAsync whose failure message is written when it fails (with the restarter's output by then).
    public async Task UntilAsync(Func<bool> condition, Func<string> describe)
    {
        try
        {
            await Poll.UntilAsync(condition, "see below");
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{describe()}\ntagged now: {string.Join(", ", Tagged())}\nopen problems: {string.Join(", ", Directory.GetFiles(Layout.Problems))}\n{Output}");
        }
    }

    public void Dispose()
    {
        // The restarter alone first, so its programs are left to the sweep by tag (as after a real crash).
        Crash();
        foreach (var daemon in daemons)
        {
            daemon.Dispose();
        }

        TaggedProcesses.Sweep(TagVariable, IsMine);
        directory.Dispose();
    }

    private bool IsMine(string tag) =>
        TagVariable != DefaultTagVariable || (Instance is { } instance && tag.StartsWith(instance + ".", StringComparison.Ordinal));

    private DaemonProcess Own(DaemonProcess daemon)
    {
        daemons.Add(daemon);
        return daemon;
    }
}
