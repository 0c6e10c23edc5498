using System.Text;
using Watchdog.Common.Config;
using Watchdog.Common.Interop;
using Watchdog.Common.Processes;
using Watchdog.Common.Protocol;
using Watchdog.Restarter.Processes;

namespace Restarter.Tests.Processes;

// One LinuxProcessHost on a temp root, a tag variable of its own, and clean-up: every process the test
// started (by pid) and every process carrying the harness's tag variable is SIGKILLed on Dispose.
internal sealed class HostHarness : IDisposable
{
    public static readonly string TestApp = AppContext.BaseDirectory.Replace("/Restarter.Tests/bin/", "/TestApp/bin/", StringComparison.Ordinal) + "testapp";

    private readonly List<(int Pid, ulong StartTime)> started = [];

    public HostHarness()
    {
        Layout = new RootLayout(Temp.Path);
        Layout.EnsureCreated();
        Host = new LinuxProcessHost(Layout, Logger.For<LinuxProcessHost>(), TimeProvider.System);
    }

    public TempDirectory Temp { get; } = new();

    public RootLayout Layout { get; }

    public CapturingLogger Logger { get; } = new();

    public LinuxProcessHost Host { get; private set; }

    public string TagVariable { get; } = "T" + Guid.NewGuid().ToString("N");

    public static StopOptions Stop(TimeSpan grace) => new(SignalNames.SIGTERM, "SIGTERM", grace);

    public static ProgramOptions Program(string name, IReadOnlyList<string> command, string? directory = null, string? output = null, IReadOnlyList<KeyValuePair<string, string>>? environment = null) =>
        new(name, command, command[0], directory, environment ?? [], [new ProgramHeartOptions(name, TimeSpan.FromSeconds(30))], TimeSpan.FromSeconds(5),
            Stop(TimeSpan.FromSeconds(5)), new BackoffOptions(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1)),
            new LimitOptions(5, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10)), output);

    public static ProgramOptions TestAppProgram(string name, params string[] args) => Program(name, [TestApp, .. args]);

    // Launches with a fresh tag of the harness's variable; returns the process and the tag.
    public (LaunchedProcess Process, string Tag) Launch(ProgramOptions program)
    {
        var tag = Guid.NewGuid().ToString();
        var process = Host.Launch(program, [new(TagVariable, tag)], cgroup: null);
        started.Add((process.Pid, process.StartTime));
        return (process, tag);
    }

    // posix_spawn returns once the child has released the parent's memory, early in execve(2): until the
    // kernel has finished the exec, the child's environ reads empty and its old descriptors may still show.
    public static Task ExecutedAsync(int pid) =>
        Poll.UntilAsync(() => Environ(pid).Length > 0, $"process {pid} to finish its exec");

    public void Track(int pid)
    {
        if (ProcFs.TryReadStat(pid, out var stat))
        {
            started.Add((pid, stat.StartTime));
        }
    }

    // Replaces the host by a new one, as a restarter that was SIGKILLed and came back would; launcher: another
    // watchdog-launch than the one beside the tests.
    public void RestartHost(string? launcher = null)
    {
        Host.Dispose();
        Host = new LinuxProcessHost(Layout, Logger.For<LinuxProcessHost>(), TimeProvider.System, launcher);
    }

    // Lets another user reach the root (TempDirectory makes it 0700, root's own): every directory from /tmp down.
    public void OpenToOtherUsers()
    {
        for (var dir = Temp.Path; dir != Path.GetTempPath().TrimEnd('/'); dir = Path.GetDirectoryName(dir)!)
        {
            File.SetUnixFileMode(dir, (UnixFileMode)Convert.ToInt32("755", 8));
        }
    }

    public static string Environ(int pid) => Encoding.UTF8.GetString(File.ReadAllBytes($"/proc/{pid}/environ"));

    public static bool IsGone(int pid) => !ProcFs.TryReadStat(pid, out var stat) || stat.HasExited;

    public static string Status(int pid, string field) =>
        File.ReadAllLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal))[(field.Length + 1)..].Trim();

    public static void Signal(int pid, int signal)
    {
        using var handle = NativeMethods.OpenPidFd(pid, out _);
        if (handle is not null)
        {
            NativeMethods.SendSignal(handle, signal);
        }
    }

    public async Task<string> LineAsync(string program, Func<string, bool> match) =>
        await Poll.ForAsync(() => OutputLines(program).FirstOrDefault(match), $"a line of {program} in the log");

    // The output lines the host logged for program, in order.
    public List<string> OutputLines(string program) =>
        [.. Logger.Events.Where(e => e.Property("Program") as string == program).Select(e => e.Property("Line") as string ?? "")];

    public void Dispose()
    {
        // By pid, and only while the pid still names the process the test started.
        foreach (var (pid, startTime) in started.Concat(Host.FindTagged(TagVariable).Select(t => (t.Pid, t.StartTime))))
        {
            using var handle = NativeMethods.OpenPidFd(pid, out _);
            if (handle is not null && ProcFs.TryReadStat(pid, out var stat) && stat.StartTime == startTime)
            {
                NativeMethods.SendSignal(handle, SignalNames.SIGKILL);
            }
        }

        Host.Dispose();
        Temp.Dispose();
    }
}
