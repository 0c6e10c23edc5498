using Microsoft.Win32.SafeHandles;
using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;

namespace Watchdog.Common.Hosting;

// One daemon of each kind per root (DESIGN.md §2): an exclusive flock on <root>/state/<daemon>.lock, held for the
// daemon's whole life. Two restarters on one root would both adopt and both relaunch (a duplicate after a crash);
// two watchdogs would both mark and escalate. The CLI verbs never take it.
internal sealed class DaemonLock : IDisposable
{
    private readonly SafeFileHandle handle;

    private DaemonLock(SafeFileHandle handle) => this.handle = handle;

    public static string PathFor(RootLayout layout, string daemon) => Path.Combine(layout.State, daemon + ".lock");

    // The lock, or null after writing to error why this daemon must not run (it then exits ExitCodes.Locked).
    public static DaemonLock? TryTake(RootLayout layout, string daemon, TextWriter error)
    {
        var path = PathFor(layout, daemon);
        LockResult result;
        try
        {
            layout.EnsureCreated(["state"]);
            using var state = AtomicFile.OpenDirectory(path, "lock");
            result = NativeMethods.TakeLock(state.Fd, Utf8Z.Of(Path.GetFileName(path)));
        }
        catch (IOException e)
        {
            error.WriteLine($"{daemon}: cannot open {layout.State} for the lock file: {e.Message}; check the root's permissions and that its disk is writable");
            return null;
        }

        switch (result.Outcome)
        {
            case LockOutcome.Acquired:
                return new DaemonLock(result.Handle!);
            case LockOutcome.Held:
                var holder = result.Holder is { Length: > 0 } pid ? "pid " + LogText.Escape(pid) : "a process that has not written its pid yet";
                error.WriteLine($"{daemon}: another {daemon} daemon ({holder}) already runs on the root {layout.Root} (it holds {path}); "
                    + $"one root has one {daemon} daemon: stop that one first, or give this one another root");
                return null;
            case LockOutcome.NotRegular:
                error.WriteLine($"{daemon}: {path} is not a regular file (a symlink, fifo or device took its place), so it is never opened; remove it and start again");
                return null;
            default:
                error.WriteLine($"{daemon}: cannot open the lock file {path}: {FileResultText.Describe(result.Error)}; check the root's permissions and that its disk is writable");
                return null;
        }
    }

    public void Dispose() => handle.Dispose();
}
