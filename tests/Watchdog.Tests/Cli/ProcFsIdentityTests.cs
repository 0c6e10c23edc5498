using Watchdog.Common.Processes;

namespace Watchdog.Tests.Cli;

public sealed class ProcFsIdentityTests
{
    [Fact]
    public void This_process_with_its_start_time_is_alive()
    {
        var (pid, start) = TestRoot.Self;

        Assert.True(ProcFs.IsSameProcess(pid, start));
    }

    [Fact]
    public void Recycled_pid_with_another_start_time_is_not_the_process()
    {
        var (pid, start) = TestRoot.Self;

        Assert.False(ProcFs.IsSameProcess(pid, start + 1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void No_process_is_not_alive(int pid) => Assert.False(ProcFs.IsSameProcess(pid, 1));
}
