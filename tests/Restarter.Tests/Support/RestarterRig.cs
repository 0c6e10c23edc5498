using System.Diagnostics;
using System.Text;
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
    private readonly StringBuilder output = new();
    private Process? restarter;
    private Process? watchdog;

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

    public int? Pid => restarter is { HasExited: false } p ? p.Id : null;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

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

    public void Start(string? notifySocket = null)
    {
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "restarter"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("run");
        info.ArgumentList.Add("--config");
        info.ArgumentList.Add(ConfigPath);
        info.Environment.Remove("NOTIFY_SOCKET");
        if (notifySocket is not null)
        {
            info.Environment["NOTIFY_SOCKET"] = notifySocket;
        }

        restarter = Process.Start(info)!;
        restarter.OutputDataReceived += (_, e) => Append(e.Data);
        restarter.ErrorDataReceived += (_, e) => Append(e.Data);
        restarter.BeginOutputReadLine();
        restarter.BeginErrorReadLine();
    }

    // The real detector on the same config: hearts gone silent become problems the restarter solves.
    public void StartWatchdog()
    {
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "watchdog"), ["run", "--config", ConfigPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment.Remove("NOTIFY_SOCKET");
        watchdog = Process.Start(info)!;
        watchdog.OutputDataReceived += (_, e) => Append(e.Data);
        watchdog.ErrorDataReceived += (_, e) => Append(e.Data);
        watchdog.BeginOutputReadLine();
        watchdog.BeginErrorReadLine();
    }

    public void Crash()
    {
        if (restarter is { HasExited: false } p)
        {
            p.Kill();
            p.WaitForExit();
        }
    }

    // SIGTERM; returns the exit code.
    public async Task<int> StopAsync()
    {
        var p = restarter ?? throw new InvalidOperationException("not started");
        Signals.Send(p.Id, Signals.SIGTERM);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await p.WaitForExitAsync(timeout.Token);
        return p.ExitCode;
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
        Crash();
        restarter?.Dispose();
        if (watchdog is { HasExited: false })
        {
            watchdog.Kill();
            watchdog.WaitForExit();
        }

        watchdog?.Dispose();
        TaggedProcesses.Sweep(TagVariable, IsMine);
        directory.Dispose();
    }

    private bool IsMine(string tag) =>
        TagVariable != DefaultTagVariable || (Instance is { } instance && tag.StartsWith(instance + ".", StringComparison.Ordinal));

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
