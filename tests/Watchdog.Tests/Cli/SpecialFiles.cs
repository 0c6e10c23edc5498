using System.Runtime.InteropServices;

namespace Watchdog.Tests.Cli;

// Files a hostile or careless user can leave where the protocol expects regular files.
internal static partial class SpecialFiles
{
    public static void MakeFifo(string path) => Assert.Equal(0, Mkfifo(path, Convert.ToInt32("644", 8)));

    [LibraryImport("libc", EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Mkfifo(string path, int mode);
}
