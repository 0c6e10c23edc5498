using Watchdog.Cli.Text;

namespace Watchdog.Tests.Cli;

public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(0.004, "4ms")]
    [InlineData(0.999, "999ms")]
    [InlineData(31, "31.0s")]
    [InlineData(252, "4m12s")]
    [InlineData(7980, "2h13m")]
    [InlineData(273600, "3d4h")]
    [InlineData(-20, "-20.0s")]
    public void Durations_read_as_a_person_says_them(double seconds, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));
}
