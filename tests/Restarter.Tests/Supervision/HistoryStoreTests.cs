using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Watchdog.Common.Config;
using Watchdog.Common.Protocol;
using Watchdog.Restarter.Supervision;

namespace Restarter.Tests.Supervision;

public sealed class HistoryStoreTests : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
    private readonly RootLayout layout;

    public HistoryStoreTests()
    {
        layout = new RootLayout(directory.Path);
        layout.EnsureCreated();
    }

    [Fact]
    public void Solving_appends_the_resolution_and_moves_the_problem_under_its_first_noticed_stamp()
    {
        var store = Store(keep: 10);
        var noticed = time.GetUtcNow();
        ProblemFile.TryCreate(layout, "api", noticed, "watchdog", "heart 'api' silent");
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.True(store.Solve(layout.Problem("api"), "relaunched pid 7"));

        Assert.False(File.Exists(layout.Problem("api")));
        var entry = Path.Combine(layout.History, "20261122T100000.000Z-api");
        Assert.Equal(
            "2026-11-22T10:00:00.000Z watchdog: heart 'api' silent\n2026-11-22T10:00:02.000Z restarter: relaunched pid 7\n",
            File.ReadAllText(entry));
        Assert.Equal(noticed.UtcDateTime, File.GetLastWriteTimeUtc(entry));
    }

    [Fact]
    public void Two_problems_with_one_name_and_stamp_are_both_kept()
    {
        var store = Store(keep: 10);
        var noticed = time.GetUtcNow();
        ProblemFile.TryCreate(layout, "api", noticed, "watchdog", "first");
        store.Solve(layout.Problem("api"), "one");
        ProblemFile.TryCreate(layout, "api", noticed, "watchdog", "second");

        Assert.True(store.Solve(layout.Problem("api"), "two"));

        Assert.Equal(["20261122T100000.000Z-api", "20261122T100000.001Z-api"], Directory.GetFiles(layout.History).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Solving_a_problem_that_is_gone_changes_nothing()
    {
        Assert.False(Store(keep: 10).Solve(layout.Problem("nothing"), "x"));
        Assert.Empty(Directory.GetFiles(layout.History));
    }

    [Fact]
    public void Prune_keeps_the_newest_entries_within_the_count_and_the_age()
    {
        var store = Store(keep: 3, maxAge: TimeSpan.FromDays(1));
        for (var i = 0; i < 5; i++)
        {
            ProblemFile.TryCreate(layout, "api", time.GetUtcNow().AddHours(-i), "watchdog", "x");
            store.Solve(layout.Problem("api"), "y");
        }

        ProblemFile.TryCreate(layout, "old", time.GetUtcNow().AddDays(-2), "watchdog", "x");
        store.Solve(layout.Problem("old"), "y");
        File.WriteAllText(Path.Combine(layout.History, "not-a-history-entry"), "");

        Assert.Equal(3, store.Prune());

        Assert.Equal(
            ["20261122T080000.000Z-api", "20261122T090000.000Z-api", "20261122T100000.000Z-api", "not-a-history-entry"],
            Directory.GetFiles(layout.History).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    public void Dispose() => directory.Dispose();

    private HistoryStore Store(int keep, TimeSpan? maxAge = null) =>
        new(layout, new HistoryOptions(keep, maxAge ?? TimeSpan.FromDays(30)), time, NullLogger<HistoryStore>.Instance);
}
