using Watchdog.Common.Interop;

namespace Watchdog.Common.Protocol;

// Dot-temp files a killed writer left behind (DESIGN.md §2 "State"). Only temps of the caller's own kind are
// touched, and only those whose writer pid is no live process: a live writer's temp is never removed, whether or
// not the caller holds the root's lock (a CLI verb of the same kind may be writing right now). A dead writer's pid
// reused by a live process only defers its temp to the next start.
internal static class StaleTemps
{
    // Returns how many were removed; a missing directory has none.
    public static int Remove(string directory, string kind)
    {
        if (DirectoryFd.Open(directory, out var dir) != FileResult.Ok)
        {
            return 0;
        }

        using (dir)
        {
            var removed = 0;
            Span<byte> nameZ = stackalloc byte[Utf8Z.MaxNameBytes];
            foreach (var name in dir.ListNames())
            {
                if (TempName.TryParse(name, out var writer, out var pid) && writer == kind && !IsAlive(pid)
                    && dir.Unlink(Utf8Z.Into(name, nameZ)) == FileResult.Ok)
                {
                    removed++;
                }
            }

            return removed;
        }
    }

    // /proc/<pid> exists for every live process (a zombie too: it may still be about to be reaped, not to write).
    private static bool IsAlive(int pid) => pid > 0 && Directory.Exists($"/proc/{pid}");
}
