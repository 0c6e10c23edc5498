using System.Text;
using Watchdog.Common.Protocol;

namespace Watchdog.Tests.Protocol;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Replace_writes_the_whole_file_with_the_given_mtime_durably()
    {
        var path = temp.Combine("state.json");
        File.WriteAllText(path, "old");
        var mtime = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

        AtomicFile.Replace(path, "new"u8, mtime, durable: true);

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(mtime.UtcDateTime, File.GetLastWriteTimeUtc(path));
        Assert.Single(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void TryCreateNew_refuses_an_existing_name()
    {
        var path = temp.Combine("x");

        Assert.True(AtomicFile.TryCreateNew(path, "one"u8));
        Assert.False(AtomicFile.TryCreateNew(path, "two"u8));

        Assert.Equal("one", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Temp_names_are_dot_files_that_name_their_writer_kind_and_pid()
    {
        var name = TempName.Format("api.hourly", "restarter");

        Assert.StartsWith(".api.hourly.restarter.", name, StringComparison.Ordinal);
        Assert.True(TempName.TryParse(name, out var kind, out var pid));
        Assert.Equal("restarter", kind);
        Assert.Equal(Environment.ProcessId, pid);
        Assert.False(Names.IsValid(name));
    }

    [Fact]
    public void A_missing_directory_is_an_IOException_that_names_the_path()
    {
        var path = temp.Combine("gone", "x");

        var e = Assert.ThrowsAny<IOException>(() => AtomicFile.TryCreateNew(path, Encoding.ASCII.GetBytes("x")));

        Assert.Contains("gone", e.Message, StringComparison.Ordinal);
    }
}
