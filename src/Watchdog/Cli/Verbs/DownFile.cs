using System.CommandLine;
using Watchdog.Cli.Options;
using Watchdog.Cli.Reading;
using Watchdog.Common;
using Watchdog.Common.Protocol;
using Watchdog.Common.State;

namespace Watchdog.Cli.Verbs;

// What `stop` and `start` share: the --timeout option, the checks before touching down/, the timeout message.
internal static class DownFile
{
    public static Option<TimeSpan?> TimeoutOption(string what) => VerbOptions.Duration(
        "--timeout",
        $"How long to wait for the restarter to report the program {what} (default 30s)",
        t => t > TimeSpan.Zero,
        "a positive duration");

    // Why down/NAME should not be touched, or null: the root must be there, with a config NAME must be a program,
    // and down/NAME, when there, must be a regular file (a symlink or fifo there is refused, never followed).
    public static string? WhyRefused(OperatorRoot root, string program) =>
        RootAccess.WhyUnusable(root.Root)
        ?? (root.Config is { } config && !root.IsConfiguredProgram(program)
            ? $"no program '{program}' in {config.SourcePath} (programs: {string.Join(", ", config.Restarter.Programs.Select(p => p.Name).DefaultIfEmpty("none"))})"
            : null)
        ?? WhyNotADownFile(root.Layout.DownFile(program));

    // Whether down/NAME is there as a regular file (by lstat; never followed).
    public static bool IsPresent(OperatorRoot root, string program) => RootFile.IsRegular(root.Layout.DownFile(program), []);

    private static string? WhyNotADownFile(string path)
    {
        var refused = new List<string>();
        return RootFile.Exists(path) && !RootFile.IsRegular(path, refused) ? $"{refused.FirstOrDefault()}; remove it, then try again" : null;
    }

    public static int TimedOut(OperatorRoot root, string program, string verb, TimeSpan waited, DateTimeOffset now, TextWriter error)
    {
        var view = ProgramReader.Read(new StateStore(root.Layout), program, IsPresent(root, program), now);
        error.WriteLine($"the restarter did not {verb} '{program}' within {Duration.Format(waited)} — is it running? see `watchdog status`");
        error.WriteLine($"({RestarterWait.Describe(view)}; down/{program} {(view.Down ? "exists" : "is absent")})");
        return ExitCodes.Unhealthy;
    }
}
