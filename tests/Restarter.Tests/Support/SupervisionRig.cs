using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Watchdog.Common.Config;
using Watchdog.Common.Protocol;
using Watchdog.Common.State;
using Watchdog.Restarter.Supervision;

namespace Restarter.Tests.Support;

// A Supervisor over a real temp root, a fake process host and fake time.
internal sealed class SupervisionRig : IDisposable
{
    public const string TagVariable = "WDT_UNIT";

    private readonly TempDirectory directory = new();

    public SupervisionRig(params ProgramOptions[] programs)
        : this([], programs)
    {
    }

    public SupervisionRig(IReadOnlyList<string> onGiveUp, params ProgramOptions[] programs)
        : this(null, onGiveUp, programs)
    {
    }

    // root: a directory of the test's own (a tmpfs, to fill it); a fresh temp directory when null.
    public SupervisionRig(string? root, IReadOnlyList<string> onGiveUp, params ProgramOptions[] programs)
    {
        Layout = new RootLayout(root ?? directory.Path);
        Layout.EnsureCreated();
        Options = new RestarterOptions(TagVariable, new HistoryOptions(1000, TimeSpan.FromDays(30)), onGiveUp, TimeSpan.FromSeconds(5), programs);
        States = new StateStore(Layout);
        Context = new SupervisionContext(
            Options,
            Layout,
            States,
            new HeartWriter(Layout, Time),
            new HistoryStore(Layout, Options.History, Time, NullLogger<HistoryStore>.Instance),
            Host,
            new ExitBook(Time),
            Time,
            () => 0.5,
            Logs);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));

    public FakeProcessHost Host { get; } = new();

    public CapturingLogger Logs { get; } = new();

    public RootLayout Layout { get; }

    public RestarterOptions Options { get; }

    public StateStore States { get; }

    public SupervisionContext Context { get; }

    public Supervisor NewSupervisor() => new(Context);

    public static ProgramOptions Program(
        string name,
        TimeSpan? startupGrace = null,
        BackoffOptions? backoff = null,
        LimitOptions? limit = null,
        params string[] extraHearts) =>
        new(
            name,
            ["/bin/true"],
            "/bin/true",
            null,
            [],
            [new ProgramHeartOptions(name, TimeSpan.FromSeconds(30)), .. extraHearts.Select(h => new ProgramHeartOptions(h, TimeSpan.FromSeconds(5)))],
            startupGrace ?? TimeSpan.FromSeconds(10),
            new StopOptions(15, "SIGTERM", TimeSpan.FromSeconds(10)),
            backoff ?? new BackoffOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)),
            limit ?? new LimitOptions(5, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(10)),
            null);

    // Runs passes of every program until none has anything left to do right now.
    public async Task SettleAsync(Supervisor supervisor)
    {
        for (var i = 0; i < 10; i++)
        {
            while (Host.Exits.TryRead(out var exit))
            {
                Context.Exits.Add(exit);
            }

            var before = Snapshot();
            foreach (var program in supervisor.Programs)
            {
                await program.StepAsync(CancellationToken.None);
            }

            if (Snapshot() == before && !Host.Exits.TryPeek(out _))
            {
                return;
            }
        }
    }

    public void Problem(string name, string text, DateTimeOffset? noticed = null) =>
        Assert.True(ProblemFile.TryCreate(Layout, name, noticed ?? Time.GetUtcNow(), "watchdog", text));

    public string[] History() => Directory.GetFiles(Layout.History).Select(File.ReadAllText).ToArray();

    public string[] OpenProblems() => Directory.GetFiles(Layout.Problems).Select(Path.GetFileName).OfType<string>().Where(n => !n.StartsWith('.')).ToArray();

    public ProgramState State(string name) => States.Read(name) ?? throw new InvalidOperationException($"no state for {name}");

    public void Dispose()
    {
        Host.Dispose();
        directory.Dispose();
    }

    private string Snapshot() =>
        string.Join('|', Directory.GetFiles(Layout.Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        + Host.Launches.Count + "/" + Host.Kills.Count;
}
