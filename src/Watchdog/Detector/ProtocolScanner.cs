using Microsoft.Extensions.Logging;
using Watchdog.Common.Hosting;
using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;

namespace Watchdog.Detector;

// Reads hearts/ and problems/ into their tables, and says (once per change) what in them is not a heart or a
// problem, what a heart's content gets wrong, and when a directory cannot be read.
internal sealed class ProtocolScanner(ILogger logger)
{
    private readonly Dictionary<string, string?> directoryIssues = new(StringComparer.Ordinal);

    // One pass over a directory into its table; a missing directory is created again (its table is emptied).
    public void Scan<T>(string directory, EntryTable<T> table)
        where T : TrackedEntry
    {
        string? issue = null;
        var opened = DirectoryFd.Open(directory, out var fd);
        if (opened == FileResult.NotFound)
        {
            table.BeginPass();
            try
            {
                Directory.CreateDirectory(directory);
                logger.DirectoryRecreated(directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                issue = e.Message;
            }
        }
        else if (opened != FileResult.Ok)
        {
            // A symlink in place of hearts/ or problems/ is never followed: nothing outside the root is judged.
            table.BeginPass();
            issue = opened == FileResult.IsSymlink
                ? "it is a symlink, never followed: replace it with a directory"
                : FileResultText.Describe(opened);
        }
        else
        {
            using (fd)
            {
                try
                {
                    // Listed and stat'ed through the open descriptor, so what is judged is the directory just opened.
                    DirectoryScan<T>.Run(fd.ProcPath, table);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    table.BeginPass();
                    issue = e.Message;
                }
            }
        }

        if (directoryIssues.GetValueOrDefault(directory) != issue)
        {
            directoryIssues[directory] = issue;
            if (issue is not null)
            {
                logger.DirectoryUnreadable(directory, issue);
            }
        }
    }

    // True for a heart or problem; anything else is reported once (per change of what it is) and skipped.
    public bool IsUsable(TrackedEntry entry, string directory)
    {
        if (entry.IsUsable)
        {
            entry.Reported = null;
            return true;
        }

        var reason = !entry.HasValidName ? "the name breaks the rule (" + Names.Rule + ")"
            : entry.StatResult == FileResult.NotFound ? null
            : entry.StatResult != FileResult.Ok ? "cannot stat it: " + FileResultText.Describe(entry.StatResult)
            : entry.Stat.Kind switch
            {
                FileKind.Directory => "a sub-directory (not looked into)",
                FileKind.Symlink => "a symlink (never followed)",
                FileKind.Fifo => "a fifo (never opened)",
                FileKind.Socket => "a socket (never opened)",
                _ => "not a regular file (never opened)",
            };
        if (reason is not null && entry.Reported != reason)
        {
            entry.Reported = reason;

            // A name that breaks the rule may hold a newline: escaped, it cannot forge a log line.
            logger.EntryIgnored(directory, LogText.Escape(entry.Name), reason);
        }

        return false;
    }

    public void ReportContent(HeartTrack heart, TimeSpan defaultTimeout)
    {
        if (heart.Content == HeartContent.Valid)
        {
            if (heart.ReportedContent is not null)
            {
                heart.ReportedContent = null;
                logger.HeartContentGood(heart.Name, Duration.Format(heart.DeclaredTimeout));
            }

            return;
        }

        var key = (heart.Content, heart.ContentHash);
        if (heart.ReportedContent == key)
        {
            return;
        }

        heart.ReportedContent = key;
        var reason = heart.Content switch
        {
            HeartContent.Empty => "its content is empty",
            HeartContent.TooLong => $"its content is longer than {HeartTimeout.MaxContentBytes} bytes",
            HeartContent.NotATimeout => "its content is not a timeout in seconds (more than 0, at most 31 days)",
            _ => "it cannot be read: " + FileResultText.Describe(heart.ReadResult),
        };
        logger.HeartContentBad(heart.Name, reason, Duration.Format(defaultTimeout));
    }
}
