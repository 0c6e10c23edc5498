using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;

namespace Watchdog.Tests.Cli;

// `watchdog beat` run by a program's own user (docs/protocol.md, "Ownership"): hearts/ is root's, the heart is the
// user's (as the restarter writes it at each launch), so the beat and a new timeout go into the heart itself.
public sealed class OwnHeartTests : IDisposable
{
    private const uint Nobody = 65534;

    private readonly TestRoot root = new();

    public OwnHeartTests()
    {
        for (var dir = root.Path; dir != Path.GetTempPath().TrimEnd('/'); dir = Path.GetDirectoryName(dir)!)
        {
            File.SetUnixFileMode(dir, (UnixFileMode)Convert.ToInt32("755", 8));
        }
    }

    public void Dispose() => root.Dispose();

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
