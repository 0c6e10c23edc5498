using Watchdog.Common.Interop;

namespace Watchdog.Cli.Options;

// What every verb that writes below the root (mark, stop, start) does before its first write.
internal static class WritingVerb
{
    // 0022: files 0644 and directories 0755 (DESIGN.md §2), as the daemons create them.
    public const UnixFileMode Umask = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    public static void Prepare() => NativeMethods.SetUmask(Umask);
}
