using Watchdog.Common.Protocol;

namespace Watchdog.Tests.Protocol;

public sealed class ProblemFileTests : IDisposable
{
    private static readonly DateTimeOffset Noticed = new(2026, 11, 22, 10, 15, 3, 412, TimeSpan.Zero);
    private readonly TempDirectory temp = new();
    private readonly RootLayout layout;

    public ProblemFileTests()
    {
        layout = new RootLayout(temp.Path);
        layout.EnsureCreated();
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_new_problem_has_its_line_and_the_first_noticed_mtime()
    {
        Assert.True(ProblemFile.TryCreate(layout, "api", Noticed, "watchdog", "heart 'api' silent for 31.0s (timeout 30s)"));

        Assert.Equal("2026-11-22T10:15:03.412Z watchdog: heart 'api' silent for 31.0s (timeout 30s)\n", File.ReadAllText(layout.Problem("api")));
        Assert.Equal(Noticed.UtcDateTime, File.GetLastWriteTimeUtc(layout.Problem("api")));
    }

    [Fact]
    public void An_open_problem_is_never_overwritten()
    {
        Assert.True(ProblemFile.TryCreate(layout, "api", Noticed, "watchdog", "first"));

        Assert.False(ProblemFile.TryCreate(layout, "api", Noticed.AddMinutes(5), "operator", "second"));

        Assert.Equal("2026-11-22T10:15:03.412Z watchdog: first\n", File.ReadAllText(layout.Problem("api")));
        Assert.Equal(Noticed.UtcDateTime, File.GetLastWriteTimeUtc(layout.Problem("api")));
    }

    [Fact]
    public void Appending_keeps_the_first_noticed_mtime_and_leaves_no_temp_file()
    {
        ProblemFile.TryCreate(layout, "api", Noticed, "watchdog", "silent");

        Assert.True(ProblemFile.TryAppend(layout.Problem("api"), Noticed.AddSeconds(60), "watchdog", "escalated:\nexit 0"));

        var record = ProblemFile.TryRead(layout.Problem("api"))!;
        Assert.Equal(Noticed, record.FirstNoticed);
        Assert.Equal(["2026-11-22T10:15:03.412Z watchdog: silent", "2026-11-22T10:16:03.412Z watchdog: escalated: exit 0"], record.Lines);
        Assert.Equal(["api"], Directory.GetFiles(layout.Problems).Select(Path.GetFileName));
    }

    [Fact]
    public void Appending_to_a_solved_problem_does_not_bring_it_back()
    {
        ProblemFile.TryCreate(layout, "api", Noticed, "watchdog", "silent");
        File.Move(layout.Problem("api"), Path.Combine(layout.History, "solved"));

        Assert.False(ProblemFile.TryAppend(layout.Problem("api"), Noticed, "watchdog", "escalated"));

        Assert.Empty(Directory.GetFiles(layout.Problems));
    }

    [Fact]
    public void Reading_a_missing_problem_gives_null()
    {
        Assert.Null(ProblemFile.TryRead(layout.Problem("nothing")));
    }

    [Fact]
    public void The_history_name_is_the_first_noticed_stamp_and_the_name()
    {
        ProblemFile.TryCreate(layout, "api", Noticed, "watchdog", "silent");

        Assert.Equal("20261122T101503.412Z-api", ProblemFile.TryRead(layout.Problem("api"))!.HistoryFileName);
    }
}
