using Watchdog.Common.Protocol;

namespace Watchdog.Tests.Protocol;

public sealed class StaleTempsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Only_temps_of_the_callers_kind_whose_writer_is_dead_are_removed()
    {
        var dead = SpecialFiles.DeadPid();
        var deadOwn = Temp("api.json", "restarter", dead);
        var liveOwn = Temp("api.json", "restarter", Environment.ProcessId);
        var deadOther = Temp("api", "watchdog", dead);
        var handMade = temp.Combine(".notes");
        File.WriteAllText(handMade, "x");
        File.WriteAllText(temp.Combine("api.json"), "{}");

        Assert.Equal(1, StaleTemps.Remove(temp.Path, "restarter"));

        Assert.False(File.Exists(deadOwn));
        Assert.True(File.Exists(liveOwn));
        Assert.True(File.Exists(deadOther));
        Assert.True(File.Exists(handMade));
        Assert.True(File.Exists(temp.Combine("api.json")));
    }

    [Fact]
    public void A_symlinked_directory_is_not_cleaned_through()
    {
        using var outside = new TempDirectory();
        var victim = Path.Combine(outside.Path, $".api.restarter.{SpecialFiles.DeadPid()}.00000000000000ff.tmp");
        File.WriteAllText(victim, "x");
        File.CreateSymbolicLink(temp.Combine("state"), outside.Path);

        Assert.Equal(0, StaleTemps.Remove(temp.Combine("state"), "restarter"));
        Assert.True(File.Exists(victim));
    }

    [Fact]
    public void A_missing_directory_has_no_temps()
    {
        Assert.Equal(0, StaleTemps.Remove(temp.Combine("gone"), "restarter"));
    }

    private string Temp(string name, string kind, int pid)
    {
        var path = temp.Combine($".{name}.{kind}.{pid}.{Random.Shared.NextInt64():x16}.tmp");
        File.WriteAllText(path, "half");
        return path;
    }
}
