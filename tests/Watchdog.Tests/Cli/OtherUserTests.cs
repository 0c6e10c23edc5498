using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;

namespace Watchdog.Tests.Cli;

// The real `watchdog` binary run as user nobody (setpriv; the tests run as root): read-only use works, and what
// it may not read or write is named with the reason. A program's own user beats its own heart (docs/protocol.md,
// "Ownership": hearts/ is root's, the heart is the user's, as the restarter writes it at each launch).
public sealed class OtherUserTests : IDisposable
{
    private const uint Nobody = 65534;

    private readonly TestRoot root = new();

    public OtherUserTests()
    {
        // TempDirectory is private to root (0700); open the way down to the watchdog root as an install would.
        for (var dir = root.Path; dir != Path.GetTempPath().TrimEnd('/'); dir = Path.GetDirectoryName(dir)!)
        {
            File.SetUnixFileMode(dir, (UnixFileMode)Convert.ToInt32("755", 8));
        }

        root.Heart("api", "30", DateTimeOffset.UtcNow);
    }

    public void Dispose() => root.Dispose();

    [Fact]
    public async Task Nobody_can_read_status_and_check_but_not_mark()
    {
        var status = await AsNobody("status", "--root", root.Path);
        var check = await AsNobody("check", "api", "--root", root.Path);
        var mark = await AsNobody("mark", "api", "--root", root.Path);

        Assert.Equal(0, status.ExitCode);
        Assert.Contains(": healthy", status.Output, StringComparison.Ordinal);
        Assert.Equal(0, check.ExitCode);
        Assert.Equal(1, mark.ExitCode);
        Assert.Contains($"cannot write {root.Layout.Problem("api")}: permission denied — run as a user who may write there", mark.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(root.Layout.Problem("api")));
    }

    [Fact]
    public async Task Unreadable_directory_is_named_and_the_rest_is_shown()
    {
        File.SetUnixFileMode(root.Layout.State, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var status = await AsNobody("status", "--root", root.Path);

        Assert.Equal(1, status.ExitCode);
        Assert.Contains($"cannot read {root.Layout.State}: permission denied", status.Error, StringComparison.Ordinal);
        Assert.Matches(@"api\s+\S+\s+30s\s+fresh", status.Output);
    }

    [Fact]
    public async Task Unreadable_root_says_permission_denied()
    {
        File.SetUnixFileMode(root.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var status = await AsNobody("status", "--root", root.Path);
        var check = await AsNobody("check", "api", "--root", root.Path);

        Assert.Equal(1, status.ExitCode);
        Assert.Contains($"cannot read {root.Path}: permission denied", status.Error, StringComparison.Ordinal);
        Assert.Equal(1, check.ExitCode);
        Assert.Contains("permission denied", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_owner_of_a_heart_can_beat_and_retime_it_but_not_another()
    {
        var past = DateTimeOffset.UtcNow.AddHours(-1);
        AtomicFile.Replace(root.Layout.Heart("own"), "30\n"u8, past, owner: new FileOwner(Nobody, Nobody));
        root.Heart("other", "30\n", past);

        var retimed = await AsNobody("beat", "own", "--timeout", "7", "--root", root.Path);
        var refused = await AsNobody("beat", "other", "--timeout", "30", "--root", root.Path);

        Assert.True(retimed.ExitCode == 0, retimed.Error);
        Assert.Equal("7\n", await File.ReadAllTextAsync(root.Layout.Heart("own")));
        Assert.True(File.GetLastWriteTimeUtc(root.Layout.Heart("own")) > past.UtcDateTime.AddMinutes(30), "the beat did not move the mtime");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("permission denied", refused.Error, StringComparison.Ordinal);
        Assert.Equal(past.UtcDateTime, File.GetLastWriteTimeUtc(root.Layout.Heart("other")));
        Assert.Empty(Directory.GetFiles(root.Layout.Hearts, ".*"));
    }

    private static Task<CliResult> AsNobody(params string[] args) =>
        RealBinary.RunAsync("setpriv", [$"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups", RealBinary.Path, .. args]);
}
