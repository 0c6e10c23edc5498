using System.Runtime.InteropServices;

namespace Watchdog.Heartbeat.Tests;

// Small helpers to look at heart files the way the watchdog does.
internal static partial class HeartFiles
{
    public static readonly DateTime LongAgo = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static string Content(string path) => File.ReadAllText(path);

    public static void MakeOld(string path) => File.SetLastWriteTimeUtc(path, LongAgo);

    public static bool IsOld(string path) => File.GetLastWriteTimeUtc(path) == LongAgo;

    // The test cannot know the exact mtime a touch gives, only that it moved off the old one to about now.
    public static bool IsRecent(string path) =>
        File.Exists(path) && File.GetLastWriteTimeUtc(path) > TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-5);

    // A second name for the same inode: it sees a touch in place, but not a file renamed over the first name.
    public static void HardLink(string existing, string alias)
    {
        if (link(existing, alias) != 0)
        {
            throw new IOException($"link({existing}, {alias}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int link(string existing, string alias);
}
