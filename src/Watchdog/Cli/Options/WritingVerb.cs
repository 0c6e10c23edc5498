using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;

namespace Watchdog.Cli.Options;

// What every verb that writes below the root (mark, stop, start) does before its first write.
internal static class WritingVerb
{
    public static void Prepare() => NativeMethods.SetUmask(RootLayout.Umask);
}
