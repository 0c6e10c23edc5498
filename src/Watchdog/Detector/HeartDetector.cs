using System.Globalization;
using Microsoft.Extensions.Logging;
using Watchdog.Common.Config;
using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;

namespace Watchdog.Detector;

// The pure step of the watchdog: one pass over problems/ and hearts/ (ScanOnce), marking stale hearts and
// starting escalations and hooks through the command runner. It never blocks: hooks run off the loop.
internal sealed partial class HeartDetector : IDisposable
{
    // The watchdog's own heart (DESIGN.md §5), beaten by the daemon and never judged by it.
    public const string OwnHeart = DaemonHearts.Watchdog;

    public const string DetectorName = Detectors.Watchdog;

    private readonly RootLayout layout;
    private readonly DetectorOptions options;
    private readonly ILogger logger;
    private readonly EntryTable<HeartTrack> hearts = new(name => new HeartTrack(name));
    private readonly Dictionary<string, string?> directoryIssues = new(StringComparer.Ordinal);

    public HeartDetector(RootLayout layout, DetectorOptions options, ICommandRunner runner, TimeProvider time, ILogger logger)
    {
        this.layout = layout;
        this.options = options;
        this.runner = runner;
        this.time = time;
        this.logger = logger;
        onProblemGone = problem =>
        {
            if (problem.Announced)
            {
                logger.ProblemGone(problem.Name);
            }
        };
    }

    public IEnumerable<HeartTrack> Hearts => hearts.Entries;

    public string HeartsDirectory => layout.Hearts;

    // Entries of Hearts whose Generation is this are the ones the last pass saw.
    public int HeartGeneration => hearts.Generation;

    // Problems the watchdog opened since it started.
    public long ProblemsOpened { get; private set; }

    public ScanSummary ScanOnce(Instant now)
    {
        // Problems before hearts: the restarter resets a heart before it moves the problem to history, so a
        // problem seen open here is never one whose heart was reset unseen, and no solved problem is raised again.
        var open = ScanProblems(now);
        var next = ScanHearts(now, out var count, out var stale);
        Escalate(now);
        ForgetFinishedHooks();
        return new ScanSummary(count, stale, open, next);
    }

    private TimeSpan ScanHearts(Instant now, out int count, out int stale)
    {
        var next = options.MaxInterval;
        count = 0;
        stale = 0;
        Scan(layout.Hearts, hearts);
        foreach (var heart in hearts.Entries)
        {
            heart.Stale = false;
            if (heart.Generation != hearts.Generation || !IsUsable(heart, layout.Hearts))
            {
                continue;
            }

            count++;
            ReportContent(heart);
            heart.Timeout = heart.Content == HeartContent.Valid ? heart.DeclaredTimeout : options.DefaultTimeout;
            heart.Clock.Observe(heart.Stat.Modified, now);
            if (heart.Name == OwnHeart)
            {
                continue;
            }

            if (!heart.Clock.IsOlderThan(heart.Timeout, now))
            {
                var until = heart.Clock.TimeUntilOlderThan(heart.Timeout, now);
                next = until < next ? until : next;
                continue;
            }

            heart.Stale = true;
            stale++;
            if (!IsOpen(heart.Name))
            {
                RaiseProblem(heart, now);
            }
        }

        hearts.Sweep();
        return next;
    }

    private void RaiseProblem(HeartTrack heart, Instant now)
    {
        var silent = heart.Clock.WallAge(now).TotalSeconds;
        var timeout = Duration.Format(heart.Timeout);
        var text = string.Create(CultureInfo.InvariantCulture, $"heart '{heart.Name}' silent for {silent:0.0}s (timeout {timeout})");
        try
        {
            if (ProblemFile.TryCreate(layout, heart.Name, now.Wall, DetectorName, text))
            {
                ProblemsOpened++;
                logger.ProblemOpened(heart.Name, silent, timeout, layout.Problem(heart.Name));
                RunOnProblem(heart.Name);
            }

            heart.ProblemError = null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The message names a fresh temp file each time: the kind of error is what must change to log again.
            var kind = e.GetType().Name + ":" + e.HResult.ToString(CultureInfo.InvariantCulture);
            if (heart.ProblemError != kind)
            {
                heart.ProblemError = kind;
                logger.ProblemNotWritten(heart.Name, e.Message);
            }
        }
    }

    private void ReportContent(HeartTrack heart)
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
        logger.HeartContentBad(heart.Name, reason, Duration.Format(options.DefaultTimeout));
    }

    // True for a heart or problem; anything else is reported once (per change of what it is) and skipped.
    private bool IsUsable(TrackedEntry entry, string directory)
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
            logger.EntryIgnored(directory, entry.Name, reason);
        }

        return false;
    }

    // One pass over a directory into its table; a missing directory is created again (its table is emptied).
    private void Scan<T>(string directory, EntryTable<T> table)
        where T : TrackedEntry
    {
        string? issue = null;
        try
        {
            DirectoryScan<T>.Run(directory, table);
        }
        catch (DirectoryNotFoundException)
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
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            table.BeginPass();
            issue = e.Message;
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
}
