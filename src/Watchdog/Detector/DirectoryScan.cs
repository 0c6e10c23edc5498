using System.IO.Enumeration;
using Watchdog.Common.Interop;

namespace Watchdog.Detector;

// One pass over a protocol directory: every entry except dot-files is lstat'ed (never followed, never opened
// unless it is a regular file) and handed to its tracked entry. Names seen before cost no allocation.
internal sealed class DirectoryScan<T> : FileSystemEnumerator<T>
    where T : TrackedEntry
{
    private static readonly EnumerationOptions Options = new()
    {
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
    };

    private readonly EntryTable<T> table;

    private DirectoryScan(string directory, EntryTable<T> table)
        : base(directory, Options)
    {
        this.table = table;
    }

    // Scans directory into table; throws DirectoryNotFoundException when it is gone.
    public static void Run(string directory, EntryTable<T> table)
    {
        table.BeginPass();
        using var scan = new DirectoryScan<T>(directory, table);
        while (scan.MoveNext())
        {
        }
    }

    protected override bool ShouldIncludeEntry(ref FileSystemEntry entry) => !entry.FileName.StartsWith('.');

    protected override T TransformEntry(ref FileSystemEntry entry)
    {
        var tracked = table.Touch(entry.FileName);
        Span<byte> path = stackalloc byte[NativeMethods.MaxPathBytes];
        if (!NativeMethods.TryBuildPath(entry.Directory, entry.FileName, path, out var length))
        {
            tracked.Observe(FileResult.OtherError, default, default);
            return tracked;
        }

        var result = NativeMethods.StatNoFollow(path[..(length + 1)], out var stat);
        tracked.Observe(result, stat, path[..(length + 1)]);
        return tracked;
    }
}
