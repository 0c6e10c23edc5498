using System.Text;
using Watchdog.Common.Processes;

namespace Restarter.Tests.Processes;

public sealed class ProcFsTests
{
    [Fact]
    public void Stat_fields_are_counted_after_the_last_parenthesis_of_the_command_name()
    {
        var text = "4242 (evil) S 1 2 3 (x)) R 17 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 100\n"u8;

        Assert.True(ProcFs.TryParseStat(4242, text, out var stat));

        Assert.Equal(new ProcStat(4242, 'R', 17, 4242, 4242, 987654), stat);
    }

    [Fact]
    public void Truncated_stat_is_rejected()
    {
        Assert.False(ProcFs.TryParseStat(1, "1 (init) S 0 1 1 0 -1"u8, out _));
    }

    [Fact]
    public void Own_stat_names_this_process_and_a_start_time()
    {
        Assert.True(ProcFs.TryReadStat(Environment.ProcessId, out var stat));

        Assert.False(stat.HasExited);
        Assert.True(stat.ParentPid > 0);
        Assert.True(stat.StartTime > 0);
        Assert.Contains(Environment.ProcessId, ProcFs.EnumeratePids());
    }

    [Fact]
    public void Variable_is_found_by_its_whole_name_only()
    {
        var environ = Encoding.UTF8.GetBytes("WATCHDOG_TAGX=no\0PATH=/bin\0WATCHDOG_TAG=abc\0");

        Assert.Equal("abc", ProcFs.FindVariable(environ, "WATCHDOG_TAG="u8));
        Assert.Null(ProcFs.FindVariable(environ, "HOME="u8));
        Assert.True(ProcFs.HasEntry(environ, "WATCHDOG_TAG=abc"u8));
        Assert.False(ProcFs.HasEntry(environ, "WATCHDOG_TAG=ab"u8));
    }

    [Fact]
    public void Environ_of_a_vanished_process_reads_as_unreadable()
    {
        var buffer = new byte[16];

        Assert.Equal(-1, ProcFs.ReadEnviron(int.MaxValue, ref buffer));
    }

    [Fact]
    public void Large_environ_is_read_whole()
    {
        var buffer = new byte[16];

        var length = ProcFs.ReadEnviron(Environment.ProcessId, ref buffer);

        Assert.True(length > 16);
        Assert.NotNull(ProcFs.FindVariable(buffer.AsSpan(0, length), "PATH="u8));
    }
}
