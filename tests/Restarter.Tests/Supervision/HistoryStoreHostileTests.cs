using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Watchdog.Common.Config;
using Watchdog.Common.Protocol;
using Watchdog.Restarter.Supervision;

namespace Restarter.Tests.Supervision;

// Issue 14 §7: a symlink in problems/ must never publish another file's content into history/, a fifo must never
// wedge the solve, and a symlinked history/ is never written into.
public sealed class HistoryStoreHostileTests : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly TempDirectory outside = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
    private readonly RootLayout layout;
    private readonly HistoryStore store;

    public HistoryStoreHostileTests()
    {
        layout = new RootLayout(directory.Combine("root"));
        layout.EnsureCreated();
        store = new HistoryStore(layout, new HistoryOptions(10, TimeSpan.FromDays(30)), time, NullLogger<HistoryStore>.Instance);
    }

    public void Dispose()
    {
        directory.Dispose();
        outside.Dispose();
    }

    [Fact]
    public void A_symlinked_problem_is_set_aside_and_its_target_never_reaches_history()
    {
        var secret = SpecialFiles.Secret(outside.Path);
        File.CreateSymbolicLink(layout.Problem("api"), secret);

        Assert.False(store.Solve(layout.Problem("api"), "relaunched"));

        Assert.Empty(Directory.EnumerateFileSystemEntries(layout.History));
        Assert.Empty(Directory.EnumerateFileSystemEntries(layout.Problems));
        Assert.True(SpecialFiles.IsUntouched(secret));
    }

    [Fact]
    public async Task A_fifo_problem_is_set_aside_without_blocking()
    {
        SpecialFiles.MakeFifo(layout.Problem("api"));

        Assert.False(await SpecialFiles.WithinDeadlineAsync(() => store.Solve(layout.Problem("api"), "relaunched")));

        Assert.Empty(Directory.EnumerateFileSystemEntries(layout.Problems));
    }

    [Fact]
    public void A_symlinked_history_directory_is_never_written_into()
    {
        ProblemFile.TryCreate(layout, "api", time.GetUtcNow(), "watchdog", "silent");
        Directory.Delete(layout.History);
        File.CreateSymbolicLink(layout.History, outside.Path);

        var e = Assert.Throws<IOException>(() => store.Solve(layout.Problem("api"), "relaunched"));

        Assert.Contains("symbolic link", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside.Path));
        Assert.Single(ProblemFile.TryRead(layout.Problem("api"))!.Lines);
        Assert.Equal(0, store.Prune());
    }
}
