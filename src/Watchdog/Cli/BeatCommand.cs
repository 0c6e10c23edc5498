using System.CommandLine;
using Watchdog.Cli.Options;
using Watchdog.Cli.Reading;
using Watchdog.Common;
using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;

namespace Watchdog.Cli;

// `watchdog beat NAME [--timeout S]`: a beat from a shell script or cron job, exactly as the Heartbeat library beats:
// a missing heart is created whole with its timeout, a changed timeout rewrites the content, otherwise only
// the mtime moves (utimensat, which needs write permission but not ownership).
internal static class BeatCommand
{
    public static Command Create()
    {
        var name = VerbOptions.Name("The heart to beat");
        var timeout = VerbOptions.Duration("--timeout", "Declare this timeout in the heart (default: the heart's own, or watchdog.default_timeout for a new heart)", HeartTimeout.IsValid, "a timeout between 0 and 31 days");
        var command = new Command("beat", "Touch a heart (for scripts and cron jobs), creating it with its timeout when missing") { name, timeout };
        var roots = RootOptions.AddTo(command);
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (roots.Resolve(parse, error, out var exitCode) is not { } root)
            {
                return exitCode;
            }

            if ((RootAccess.WhyUnusable(root.Root) ?? RootAccess.WhyUnwritable(root.Layout.Hearts, "beat")) is { } refusal)
            {
                error.WriteLine(refusal);
                return ExitCodes.Unhealthy;
            }

            var path = root.Layout.Heart(parse.GetValue(name)!);
            var result = Beat(path, parse.GetValue(timeout), root.DefaultTimeout);
            if (result != FileResult.Ok)
            {
                error.WriteLine($"cannot beat {path}: {FileResultText.Describe(result)}");
                return ExitCodes.Unhealthy;
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    // The library's own beat (HeartBeat, compiled into both): a symlink or fifo at path is refused, never followed
    // or waited on; --timeout declares the timeout, rewriting the heart whole when it declares another one.
    private static FileResult Beat(string path, TimeSpan? timeout, TimeSpan defaultTimeout) =>
        HeartBeat.Beat(path, HeartTimeout.Encode(timeout ?? defaultTimeout), declare: timeout is not null, AtomicFile.WriterKind);
}
