using System.Runtime.InteropServices;

namespace Watchdog.Common.Interop;

// umask(2), which the BCL does not expose: a writing verb or daemon sets its own, so files it creates get the modes
// DESIGN.md promises whatever umask it was started with (000 from a careless shell would make them world-writable).
internal static partial class NativeMethods
{
    public static void SetUmask(UnixFileMode mask) => _ = umask((uint)mask);

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint umask(uint mask);
}
