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
        var environ = "WATCHDOG_TAGX=no\0PATH=/bin\0WATCHDOG_TAG=abc\0"u8;

        Assert.Equal((EnvironLookup.Found, "abc"), Find(environ, "WATCHDOG_TAG=", 1));
        Assert.Equal(EnvironLookup.Absent, Find(environ, "HOME=", 1).Result);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Variable_is_found_across_chunk_boundaries_of_any_size(int chunk)
    {
        var environ = "A=1\0LONG=" + new string('x', 5000) + "\0WATCHDOG_TAG=abc\0B=2";

        Assert.Equal((EnvironLookup.Found, "abc"), Find(Encoding.UTF8.GetBytes(environ), "WATCHDOG_TAG=", chunk));
        Assert.Equal((EnvironLookup.Found, "2"), Find(Encoding.UTF8.GetBytes(environ), "B=", chunk));
    }

    [Fact]
    public void Value_longer_than_the_buffer_is_reported_as_too_long()
    {
        Assert.Equal(EnvironLookup.TooLong, Find("T=0123456789\0"u8, "T=", 1, valueBytes: 4).Result);
    }

    [Fact]
    public void Entry_matches_only_whole_and_also_after_another_value_of_the_variable()
    {
        var environ = "T=fake\0T=ab\0T=abc\0"u8;

        Assert.Equal(EnvironLookup.Found, Find(environ, "T=abc", 2, valueBytes: 0).Result);
        Assert.NotEqual(EnvironLookup.Found, Find("T=abcd\0T=ab"u8, "T=abc", 2, valueBytes: 0).Result);
    }

    [Fact]
    public void Environ_of_a_vanished_process_reads_as_unreadable()
    {
        Assert.Equal(EnvironLookup.Unreadable, ProcFs.FindVariable(int.MaxValue, "PATH="u8, new byte[64], out _));
        Assert.False(ProcFs.HasEntry(int.MaxValue, "PATH=/bin"u8));
    }

    [Fact]
    public void Own_environ_is_read_from_proc()
    {
        var value = new byte[4096];
        var path = Environment.GetEnvironmentVariable("PATH")!;

        Assert.Equal(EnvironLookup.Found, ProcFs.FindVariable(Environment.ProcessId, "PATH="u8, value, out var length));
        Assert.Equal(path, Encoding.UTF8.GetString(value, 0, length));
        Assert.True(ProcFs.HasEntry(Environment.ProcessId, Encoding.UTF8.GetBytes("PATH=" + path)));
    }

    private static (EnvironLookup Result, string? Value) Find(ReadOnlySpan<byte> environ, string nameAndEquals, int chunk, int valueBytes = 64)
    {
        var value = new byte[valueBytes];
        var scan = new EnvironScan(Encoding.UTF8.GetBytes(nameAndEquals), value);
        var going = true;
        for (var at = 0; going && at < environ.Length; at += chunk)
        {
            going = scan.Feed(environ.Slice(at, Math.Min(chunk, environ.Length - at)));
        }

        if (going)
        {
            scan.Finish();
        }

        return (scan.Result, scan.Result == EnvironLookup.Found ? Encoding.UTF8.GetString(value, 0, scan.ValueLength) : null);
    }
}
