using Microsoft.Win32.SafeHandles;

namespace Watchdog.Common.Cli;

// A process started with fd 0, 1 or 2 closed (`watchdog history >&-`) would hand that number to the next file it
// opens, and its console output would land in that file: a problem or state file, say. Each closed one is held
// on /dev/null for the life of the process instead, before the console is first touched.
internal static class StandardStreams
{
    private static readonly List<SafeFileHandle> Placeholders = [];

    public static void HoldClosedOnes()
    {
        while (true)
        {
            var handle = File.OpenHandle("/dev/null", FileMode.Open, FileAccess.ReadWrite);
            if (handle.DangerousGetHandle() > 2)
            {
                handle.Dispose();
                return;
            }

            Placeholders.Add(handle);
        }
    }
}
