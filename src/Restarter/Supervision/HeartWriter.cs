using Watchdog.Common.Config;
using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;

namespace Watchdog.Restarter.Supervision;

// A program's hearts (DESIGN.md §3): written afresh at each launch, removed while it is not running. Both go through
// AtomicFile, relative to hearts/ opened without following a symlink: a heart entry that is a symlink or a fifo is
// replaced or removed itself, never written through.
internal sealed class HeartWriter(RootLayout layout, TimeProvider time)
{
    // The mtime a launch starting now gives its hearts: now + startup_grace, so the watchdog counts the timeout
    // from the end of the grace and the previous instance's silence never counts against the new one.
    public DateTimeOffset ResetMark(ProgramOptions program) => time.GetUtcNow() + program.StartupGrace;

    // content = the configured timeout; mtime = mark (ResetMark, recorded in the state first). A program with a user
    // gets its hearts as its own (uid and gid, mode 0644, docs/protocol.md "Ownership"): it can beat and re-time
    // them; hearts/ itself stays the root's, so it can create, rename or remove nothing there, nor touch another
    // program's heart.
    public void Reset(ProgramOptions program, DateTimeOffset mark)
    {
        var owner = program.Identity is { } identity ? new FileOwner(identity.Uid, identity.Gid) : (FileOwner?)null;
        foreach (var heart in program.Hearts)
        {
            AtomicFile.Replace(layout.Heart(heart.Name), HeartTimeout.Encode(heart.Timeout), mark, owner: owner);
        }
    }

    // The mtimes of the program's hearts that are regular files now (lstat through hearts/ opened with O_NOFOLLOW);
    // a missing or hostile entry has no beat to show.
    public IReadOnlyList<DateTimeOffset> Beats(ProgramOptions program)
    {
        if (program.Hearts.Count == 0 || DirectoryFd.Open(layout.Hearts, out var directory) != FileResult.Ok)
        {
            return [];
        }

        using (directory)
        {
            var beats = new List<DateTimeOffset>(program.Hearts.Count);
            Span<byte> nameZ = stackalloc byte[Utf8Z.MaxNameBytes];
            foreach (var heart in program.Hearts)
            {
                if (NativeFiles.Stat(directory.Fd, Utf8Z.Into(heart.Name, nameZ), out var stat) == FileResult.Ok && stat.Kind == FileKind.Regular)
                {
                    beats.Add(stat.Modified);
                }
            }

            return beats;
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
