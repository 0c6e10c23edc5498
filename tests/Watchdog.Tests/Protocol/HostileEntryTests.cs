using System.Text;
using Watchdog.Common.Protocol;
using Watchdog.Common.State;

namespace Watchdog.Tests.Protocol;

// Issue 14 §7: a symlink or fifo in place of a protocol file or directory is refused with a message naming it,
// never followed, never waited on; nothing outside the root is read or changed.
public sealed class HostileEntryTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly TempDirectory outside = new();
    private readonly RootLayout layout;
    private readonly string secret;

    public HostileEntryTests()
    {
        layout = new RootLayout(temp.Combine("root"));
        layout.EnsureCreated();
        secret = SpecialFiles.Secret(outside.Path);
    }

    public void Dispose()
    {
        temp.Dispose();
        outside.Dispose();
    }

    [Fact]
    public void A_symlinked_problem_is_refused_and_its_target_is_never_read()
    {
        File.CreateSymbolicLink(layout.Problem("api"), secret);

        var e = Assert.Throws<IOException>(() => ProblemFile.TryRead(layout.Problem("api")));

        Assert.Contains(layout.Problem("api"), e.Message, StringComparison.Ordinal);
        Assert.Contains("symbolic link", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", e.Message, StringComparison.Ordinal);
        Assert.Throws<IOException>(() => ProblemFile.TryAppend(layout.Problem("api"), DateTimeOffset.UnixEpoch, "watchdog", "x"));
        Assert.True(SpecialFiles.IsUntouched(secret));
    }

    [Fact]
    public async Task A_fifo_problem_never_blocks_the_reader()
    {
        SpecialFiles.MakeFifo(layout.Problem("api"));

        var e = await SpecialFiles.WithinDeadlineAsync(() => Record.Exception(() => ProblemFile.TryRead(layout.Problem("api"))));

        Assert.Contains("not a regular file", Assert.IsType<IOException>(e).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fifo_or_symlink_problem_is_set_aside_by_removing_the_entry_unread()
    {
        SpecialFiles.MakeFifo(layout.Problem("pipe"));
        File.CreateSymbolicLink(layout.Problem("link"), secret);

        var pipe = await SpecialFiles.WithinDeadlineAsync(() => (ProblemFile.ReadOrSetAside(layout.Problem("pipe"), out var why), why));
        var link = ProblemFile.ReadOrSetAside(layout.Problem("link"), out var linkWhy);

        Assert.Null(pipe.Item1);
        Assert.Null(link);
        Assert.Contains("removed it, unread", pipe.why, StringComparison.Ordinal);
        Assert.Contains("symbolic link", linkWhy, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(layout.Problems));
        Assert.True(SpecialFiles.IsUntouched(secret));
    }

    [Fact]
    public void A_regular_problem_is_read_by_ReadOrSetAside_and_left_in_place()
    {
        ProblemFile.TryCreate(layout, "api", DateTimeOffset.UnixEpoch.AddYears(50), "watchdog", "silent");

        Assert.NotNull(ProblemFile.ReadOrSetAside(layout.Problem("api"), out var why));
        Assert.Null(why);
        Assert.True(File.Exists(layout.Problem("api")));
    }

    [Theory]
    [InlineData("problems")]
    [InlineData("state")]
    [InlineData("hearts")]
    [InlineData("down")]
    public void A_symlinked_protocol_directory_is_never_written_into(string directory)
    {
        Directory.Delete(Path.Combine(layout.Root, directory));
        File.CreateSymbolicLink(Path.Combine(layout.Root, directory), outside.Path);
        var path = Path.Combine(layout.Root, directory, "api");

        var replace = Assert.Throws<IOException>(() => AtomicFile.Replace(path, "x"u8));
        var create = Assert.Throws<IOException>(() => AtomicFile.TryCreateNew(path, "x"u8));
        AtomicFile.TryDelete(Path.Combine(layout.Root, directory, "shadow"));

        Assert.Contains(Path.Combine(layout.Root, directory) + ": it is a symbolic link", replace.Message, StringComparison.Ordinal);
        Assert.Contains("symbolic link", create.Message, StringComparison.Ordinal);
        Assert.Equal([secret], Directory.GetFileSystemEntries(outside.Path));
        Assert.True(SpecialFiles.IsUntouched(secret));
    }

    [Fact]
    public void Ensuring_the_layout_names_a_symlinked_history_directory()
    {
        Directory.Delete(layout.History);
        File.CreateSymbolicLink(layout.History, outside.Path);

        var e = Assert.Throws<IOException>(layout.EnsureCreated);

        Assert.Contains(layout.History, e.Message, StringComparison.Ordinal);
        Assert.Contains("symbolic link", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replacing_a_symlinked_file_replaces_the_link_itself_and_never_writes_its_target()
    {
        File.CreateSymbolicLink(layout.Heart("api"), secret);

        AtomicFile.Replace(layout.Heart("api"), "30\n"u8);

        Assert.Null(new FileInfo(layout.Heart("api")).LinkTarget);
        Assert.Equal("30\n", File.ReadAllText(layout.Heart("api")));
        Assert.True(SpecialFiles.IsUntouched(secret));
    }

    [Fact]
    public void Deleting_a_symlinked_heart_removes_the_link_not_its_target()
    {
        File.CreateSymbolicLink(layout.Heart("api"), secret);

        AtomicFile.TryDelete(layout.Heart("api"));

        Assert.False(File.Exists(layout.Heart("api")) || new FileInfo(layout.Heart("api")).LinkTarget is not null);
        Assert.True(SpecialFiles.IsUntouched(secret));
    }

    [Fact]
    public async Task A_fifo_or_symlink_state_file_is_refused_without_blocking()
    {
        var store = new StateStore(layout);
        SpecialFiles.MakeFifo(store.PathFor("pipe"));
        File.CreateSymbolicLink(store.PathFor("link"), secret);

        var pipe = await SpecialFiles.WithinDeadlineAsync(() => Record.Exception(() => store.Read("pipe")));
        var link = Record.Exception(() => store.Read("link"));

        Assert.Contains("not a regular file", Assert.IsType<InvalidDataException>(pipe).Message, StringComparison.Ordinal);
        Assert.Contains("symbolic link", Assert.IsType<InvalidDataException>(link).Message, StringComparison.Ordinal);
        Assert.True(SpecialFiles.IsUntouched(secret));
    }

    [Fact]
    public void A_symlinked_state_directory_is_neither_read_nor_listed()
    {
        File.WriteAllText(Path.Combine(outside.Path, "api.json"), "{}");
        Directory.Delete(layout.State);
        File.CreateSymbolicLink(layout.State, outside.Path);
        var store = new StateStore(layout);

        var e = Assert.Throws<InvalidDataException>(() => store.Read("api"));

        Assert.Contains("symbolic link", e.Message, StringComparison.Ordinal);
        Assert.Empty(store.Names());
    }

    [Fact]
    public void A_state_file_larger_than_any_state_is_refused_unread()
    {
        var store = new StateStore(layout);
        File.WriteAllBytes(store.PathFor("api"), Encoding.ASCII.GetBytes(new string(' ', (1 << 20) + 1)));

        Assert.Contains("larger", Assert.Throws<InvalidDataException>(() => store.Read("api")).Message, StringComparison.Ordinal);
    }
}
