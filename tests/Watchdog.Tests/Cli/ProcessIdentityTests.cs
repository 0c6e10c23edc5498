using Watchdog.Cli;

namespace Watchdog.Tests.Cli;

public sealed class ProcessIdentityTests
{
    [Fact]
    public void This_process_with_its_start_time_is_alive()
    {
        var (pid, start) = TestRoot.Self;

        Assert.True(ProcessIdentity.IsAlive(pid, start));
    }

    [Fact]
    public void Recycled_pid_with_another_start_time_is_not_the_process()
    {
        var (pid, start) = TestRoot.Self;

        Assert.False(ProcessIdentity.IsAlive(pid, start + 1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void No_process_is_not_alive(int pid) => Assert.False(ProcessIdentity.IsAlive(pid, 1));

    [Fact]
    public void Command_name_with_spaces_and_parentheses_does_not_shift_the_fields()
    {
        using var proc = new TempDirectory();
        Directory.CreateDirectory(proc.Combine("42"));
        File.WriteAllText(proc.Combine("42", "stat"), "42 (evil) S 1 (x) R 1 42 42 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10 18446744073709551615\n");

        Assert.Equal(('R', 987654UL), ProcessIdentity.Read(42, proc.Path));
        Assert.True(ProcessIdentity.IsAlive(42, 987654, proc.Path));
    }

    [Fact]
    public void Zombie_is_not_alive()
    {
        using var proc = new TempDirectory();
        Directory.CreateDirectory(proc.Combine("42"));
        File.WriteAllText(proc.Combine("42", "stat"), "42 (app) Z 1 42 42 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 0 0 0\n");

        Assert.False(ProcessIdentity.IsAlive(42, 987654, proc.Path));
    }
}
