using Watchdog.Common.Protocol;

namespace Watchdog.Tests.Detector;

public sealed class ProblemWritingTests
{
    [Fact]
    public void Stale_heart_is_marked_once()
    {
        using var s = new DetectorScenario();
        s.Heart("api", "30", TimeSpan.FromSeconds(40));
        s.Scan();
        var first = s.ProblemText("api");
        var mtime = File.GetLastWriteTimeUtc(s.Layout.Problem("api"));

        for (var i = 0; i < 5; i++)
        {
            s.Advance(TimeSpan.FromSeconds(1));
            s.Scan();
        }

        Assert.Equal(first, s.ProblemText("api"));
        Assert.Equal(mtime, File.GetLastWriteTimeUtc(s.Layout.Problem("api")));
        Assert.Equal(1, s.Detector.ProblemsOpened);
        Assert.Equal(1, s.Logger.Count("opened problem"));
    }

    [Fact]
    public void Existing_problem_is_never_overwritten_and_keeps_its_mtime()
    {
        using var s = new DetectorScenario();
        var firstNoticed = DetectorScenario.Start.AddMinutes(-3);
        Assert.True(ProblemFile.TryCreate(s.Layout, "api", firstNoticed, "operator", "please restart"));
        var before = s.ProblemText("api");
        s.Heart("api", "30", TimeSpan.FromSeconds(40));

        s.Scan();

        Assert.Equal(before, s.ProblemText("api"));
        Assert.Equal(firstNoticed.UtcDateTime, File.GetLastWriteTimeUtc(s.Layout.Problem("api")));
        Assert.Equal(0, s.Detector.ProblemsOpened);
    }

    [Fact]
    public void Problem_removed_while_its_heart_is_still_stale_is_raised_again()
    {
        using var s = new DetectorScenario();
        s.Heart("api", "30", TimeSpan.FromSeconds(40));
        s.Scan();
        File.Delete(s.Layout.Problem("api"));

        s.Advance(TimeSpan.FromSeconds(1));
        s.Scan();

        Assert.True(s.HasProblem("api"));
        Assert.Equal(2, s.Detector.ProblemsOpened);
    }

    [Fact]
    public void Failure_to_write_a_problem_is_logged_once_and_retried_on_the_next_pass()
    {
        using var s = new DetectorScenario();
        s.Heart("api", "30", TimeSpan.FromSeconds(40));
        Directory.Delete(s.Layout.Problems);
        File.WriteAllText(s.Layout.Problems, "not a directory");

        for (var i = 0; i < 3; i++)
        {
            s.Advance(TimeSpan.FromSeconds(1));
            s.Scan();
        }

        Assert.Equal(1, s.Logger.Count("Cannot write problem api"));
        File.Delete(s.Layout.Problems);
        s.Advance(TimeSpan.FromSeconds(1));
        s.Scan();
        s.Advance(TimeSpan.FromSeconds(1));
        s.Scan();

        Assert.True(s.HasProblem("api"));
    }

    [Fact]
    public void Hearts_directory_deleted_at_runtime_is_created_again()
    {
        using var s = new DetectorScenario();
        s.Heart("api", "30", TimeSpan.Zero);
        s.Scan();
        Directory.Delete(s.Layout.Hearts, recursive: true);

        var summary = s.Scan();

        Assert.Equal(0, summary.Hearts);
        Assert.True(Directory.Exists(s.Layout.Hearts));
        Assert.Equal(1, s.Logger.Count("was missing"));
    }

    [Fact]
    public void Problems_directory_deleted_at_runtime_is_created_again_and_problems_are_written()
    {
        using var s = new DetectorScenario();
        s.Heart("api", "30", TimeSpan.Zero);
        s.Scan();
        Directory.Delete(s.Layout.Problems, recursive: true);
        s.Advance(TimeSpan.FromSeconds(31));

        s.Scan();

        Assert.True(s.HasProblem("api"));
    }

    [Fact]
    public void Heart_vanishing_is_forgotten_without_a_problem()
    {
        using var s = new DetectorScenario();
        s.Heart("api", "30", TimeSpan.Zero);
        s.Scan();
        File.Delete(s.Layout.Heart("api"));
        s.Advance(TimeSpan.FromMinutes(5));

        var summary = s.Scan();

        Assert.Equal(0, summary.Hearts);
        Assert.False(s.HasProblem("api"));
        Assert.Empty(s.Detector.Hearts);
    }
}
