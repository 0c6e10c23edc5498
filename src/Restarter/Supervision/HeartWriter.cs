using Watchdog.Common.Config;
using Watchdog.Common.Protocol;

namespace Watchdog.Restarter.Supervision;

// A program's hearts (DESIGN.md §3): written afresh at each launch, removed while it is not running. Both go through
// AtomicFile, relative to hearts/ opened without following a symlink: a heart entry that is a symlink or a fifo is
// replaced or removed itself, never written through.
internal sealed class HeartWriter(RootLayout layout, TimeProvider time)
{
    // content = the configured timeout; mtime = now + startup_grace, so the watchdog counts the timeout from
    // the end of the grace and the previous instance's silence never counts against the new one.
    public void Reset(ProgramOptions program)
    {
        var beatAt = time.GetUtcNow() + program.StartupGrace;
        foreach (var heart in program.Hearts)
        {
            AtomicFile.Replace(layout.Heart(heart.Name), HeartTimeout.Encode(heart.Timeout), beatAt);
        }
    }

    public void Remove(ProgramOptions program)
    {
        foreach (var heart in program.Hearts)
        {
            Remove(heart.Name);
        }
    }

    public void Remove(string heart) => AtomicFile.TryDelete(layout.Heart(heart));
}
