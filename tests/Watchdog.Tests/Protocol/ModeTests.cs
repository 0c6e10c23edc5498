using System.Runtime.InteropServices;
using Watchdog.Common.Protocol;

namespace Watchdog.Tests.Protocol;

// Issue 14 "Own modes": what the protocol creates has its documented mode whatever the umask of the process.
// The umask is process-wide, so these tests run alone (their collection is not parallel with the others).
[Collection(nameof(ModeTests))]
[CollectionDefinition(nameof(ModeTests), DisableParallelization = true)]
public sealed partial class ModeTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(0x3F)]
    public void Protocol_directories_are_0755_and_files_0644_whatever_the_umask(int mask)
    {
        var layout = new RootLayout(temp.Combine("root"));
        var previous = umask(mask);
        try
        {
            layout.EnsureCreated();
            AtomicFile.Replace(layout.Heart("api"), "30\n"u8);
            ProblemFile.TryCreate(layout, "api", DateTimeOffset.UnixEpoch.AddYears(56), "watchdog", "silent");
        }
        finally
        {
            _ = umask(previous);
        }

        const UnixFileMode directory = (UnixFileMode)0x1ED;
        const UnixFileMode file = (UnixFileMode)0x1A4;
        foreach (var dir in (string[])[layout.Root, layout.Hearts, layout.Problems, layout.History, layout.State, layout.Down])
        {
            Assert.Equal(directory, File.GetUnixFileMode(dir));
        }

        Assert.Equal(file, File.GetUnixFileMode(layout.Heart("api")));
        Assert.Equal(file, File.GetUnixFileMode(layout.Problem("api")));
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial int umask(int mask);
}
