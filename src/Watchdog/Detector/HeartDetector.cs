using System.Globalization;
using Microsoft.Extensions.Logging;
using Watchdog.Common.Config;
using Watchdog.Common.Protocol;

namespace Watchdog.Detector;

// The pure step of the watchdog: one pass over problems/ and hearts/ (ScanOnce), marking stale hearts. Open
// problems are handed to ProblemHooks, which escalates them and runs on_problem off the loop: a pass never blocks.
internal sealed class HeartDetector : IDisposable
{
    // The watchdog's own heart (DESIGN.md §5), beaten by the daemon and never judged by it.
    public const string OwnHeart = DaemonHearts.Watchdog;

    public const string DetectorName = Detectors.Watchdog;

    private readonly RootLayout layout;
    private DetectorOptions options;
    private readonly ILogger logger;
    private readonly ProtocolScanner scanner;
    private readonly ProblemHooks hooks;
    private readonly EntryTable<HeartTrack> hearts = new(name => new HeartTrack(name));
    private readonly EntryTable<ProblemTrack> problems = new(name => new ProblemTrack(name));
    private readonly Action<ProblemTrack> onProblemGone;

    public HeartDetector(RootLayout layout, DetectorOptions options, ICommandRunner runner, TimeProvider time, ILogger logger)
    {
        this.layout = layout;
        this.options = options;
        this.logger = logger;
        scanner = new ProtocolScanner(logger);
        hooks = new ProblemHooks(layout, options, runner, time, logger);
        onProblemGone = problem =>
        {
            if (problem.Announced)
            {
                logger.ProblemGone(problem.Name);
            }
        };
    }

    public IEnumerable<HeartTrack> Hearts => hearts.Entries;

    public IEnumerable<ProblemTrack> Problems => problems.Entries;

    public string HeartsDirectory => layout.Hearts;

    // Entries of Hearts (Problems) whose Generation is this are the ones the last pass saw.
    public int HeartGeneration => hearts.Generation;

    public int ProblemGeneration => problems.Generation;

    // Problems the watchdog opened since it started.
    public long ProblemsOpened { get; private set; }

    public long EscalationsStarted => hooks.EscalationsStarted;

    public ScanSummary ScanOnce(Instant now)
    {
        // Problems before hearts: the restarter resets a heart before it moves the problem to history, so a
        // problem seen open here is never one whose heart was reset unseen, and no solved problem is raised again.
        var open = ScanProblems(now);
        var next = ScanHearts(now, out var count, out var stale);
        hooks.Escalate(problems, now);
        hooks.ForgetFinished();
        return new ScanSummary(count, stale, open, next);
    }

    // A reloaded `watchdog:` section (DESIGN.md §5): from the next pass on. Hooks already running keep their own.
    public void Reconfigure(DetectorOptions next)
    {
        options = next;
        hooks.Reconfigure(next);
    }

    // Kills every running hook and waits (bounded) for them to be reaped.
    public Task StopHooksAsync(TimeSpan bound) => hooks.StopAsync(bound);

    public void Dispose() => hooks.Dispose();

    // Open problems: whoever opened them (this watchdog, the restarter, an operator).
    private int ScanProblems(Instant now)
    {
        var open = 0;
        scanner.Scan(layout.Problems, problems);
        foreach (var problem in problems.Entries)
        {
            if (problem.Generation != problems.Generation || !scanner.IsUsable(problem, layout.Problems))
            {
                continue;
            }

            open++;
            if (problem.Announced && problem.Stat.Modified != problem.Clock.Modified)
            {
                problem.Reopened();
            }

            problem.Clock.Observe(problem.Stat.Modified, now);
            if (!problem.Announced)
            {
                problem.Announced = true;
                logger.ProblemSeen(problem.Name, problem.Stat.Modified);
            }
        }

        problems.Sweep(onProblemGone);
        return open;
    }

    private TimeSpan ScanHearts(Instant now, out int count, out int stale)
    {
        var next = options.MaxInterval;
        count = 0;
        stale = 0;
        scanner.Scan(layout.Hearts, hearts);
        foreach (var heart in hearts.Entries)
        {
            heart.Stale = false;
            if (heart.Generation != hearts.Generation || !scanner.IsUsable(heart, layout.Hearts))
            {
                continue;
            }

            count++;
            scanner.ReportContent(heart, options.DefaultTimeout);
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

    private bool IsOpen(string name) =>
        problems.TryGet(name, out var problem) && problem.Generation == problems.Generation && problem.IsUsable;

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
                hooks.RunOnProblem(heart.Name);
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
}
