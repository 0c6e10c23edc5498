using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;

namespace Watchdog.Detector;

// One name in a protocol directory, as the last pass saw it.
internal abstract class TrackedEntry(string name)
{
    public string Name { get; } = name;

    // Dot-files are skipped before they get here; a name breaking the rule is never a heart or a problem.
    public bool HasValidName { get; } = Names.IsValid(name);

    public int Generation { get; set; }

    public FileResult StatResult { get; private set; }

    public FileStat Stat { get; private set; }

    // The entry is a heart or a problem: a valid name on a regular file that is still there.
    public bool IsUsable => HasValidName && StatResult == FileResult.Ok && Stat.Kind == FileKind.Regular;

    // What the last warning about this entry said; a warning is logged again only when this changes.
    public string? Reported { get; set; }

    public void Observe(FileResult result, FileStat stat, ReadOnlySpan<byte> path)
    {
        var previous = Stat;
        var hadStat = StatResult == FileResult.Ok;
        StatResult = result;
        Stat = stat;
        if (result == FileResult.Ok && stat.Kind == FileKind.Regular && HasValidName)
        {
            OnRegularFile(path, hadStat && previous.Kind == FileKind.Regular && previous.Inode == stat.Inode
                && previous.Changed == stat.Changed && previous.Size == stat.Size);
        }
    }

    // Called for a usable entry; unchanged is true when neither its inode, size nor ctime moved since the last pass.
    protected virtual void OnRegularFile(ReadOnlySpan<byte> path, bool unchanged)
    {
    }
}
