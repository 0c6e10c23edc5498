using System.CommandLine;
using Watchdog.Cli.Options;
using Watchdog.Cli.Reading;
using Watchdog.Common;
using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;

namespace Watchdog.Cli;

// `watchdog beat NAME [--timeout S]`: a beat from a shell script or cron job, as the Heartbeat library beats:
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
            try
            {
                Beat(path, parse.GetValue(timeout), root.DefaultTimeout);
                return ExitCodes.Ok;
            }
            catch (Exception e) when (RootAccess.IsFileError(e))
            {
                error.WriteLine($"cannot beat {path}: {RootAccess.Describe(e)}");
                return ExitCodes.Unhealthy;
            }
        });
        return command;
    }

    public static void Beat(string path, TimeSpan? timeout, TimeSpan defaultTimeout)
    {
        if (timeout is { } wanted && CurrentTimeout(path) is { } current && current != wanted)
        {
            AtomicFile.Replace(path, HeartTimeout.Encode(wanted));
            return;
        }

        var touched = NativeMethods.Touch(path);
        if (touched == FileResult.NotFound)
        {
            // Created whole, or by someone else meanwhile; either way it was just beaten.
            if (!AtomicFile.TryCreateNew(path, HeartTimeout.Encode(timeout ?? defaultTimeout)))
            {
                AtomicFile.ThrowOnError(NativeMethods.Touch(path), "touch", path);
            }

            return;
        }

        AtomicFile.ThrowOnError(touched, "touch", path);
    }

    // The timeout the heart declares now: null when it is missing, zero when its content is not a valid timeout.
    private static TimeSpan? CurrentTimeout(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> content = stackalloc byte[HeartTimeout.MaxContentBytes + 1];
            return HeartTimeout.TryParse(content[..RandomAccess.Read(handle, content, 0)], out var timeout) ? timeout : TimeSpan.Zero;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
