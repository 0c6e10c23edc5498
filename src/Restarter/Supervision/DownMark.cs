using Microsoft.Extensions.Logging;
using Watchdog.Common.Hosting;
using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;

namespace Watchdog.Restarter.Supervision;

// down/<program> (DESIGN.md §2), looked up through down/'s own directory fd: only a regular file keeps the program
// stopped. A symlink in its place is never followed (its target could be any file on the host) and a symlinked
// down/ is never looked into; either is named once per change and stops nothing.
internal sealed class DownMark(RootLayout layout, string program, ILogger logger)
{
    private readonly byte[] nameZ = Utf8Z.Of(program);
    private string? refused;

    public bool IsSet()
    {
        var opened = DirectoryFd.Open(layout.Down, out var down);
        var result = opened;
        var kind = FileKind.Unknown;
        if (opened == FileResult.Ok)
        {
            using (down)
            {
                result = NativeFiles.Stat(down.Fd, nameZ, out var stat);
                kind = stat.Kind;
            }
        }

        var why = result switch
        {
            FileResult.Ok when kind == FileKind.Regular => null,
            FileResult.Ok => $"{layout.DownFile(program)} is a {kind.ToString().ToLowerInvariant()}, not a regular file",
            FileResult.NotFound => null,
            _ => $"cannot look into {layout.Down}: {FileResultText.Describe(result)}",
        };
        if (why != refused)
        {
            refused = why;
            if (why is not null)
            {
                logger.LogWarning("Ignoring the down file of {Program}: {Why}; remove it (`watchdog stop NAME` writes a real one)", program, LogText.Escape(why));
            }
        }

        return result == FileResult.Ok && kind == FileKind.Regular;
    }
}
