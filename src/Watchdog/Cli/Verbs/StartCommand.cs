using System.CommandLine;
using Watchdog.Cli.Options;
using Watchdog.Cli.Reading;
using Watchdog.Common;
using Watchdog.Common.State;

namespace Watchdog.Cli.Verbs;

// `watchdog start NAME`: remove down/NAME, then wait until the restarter runs a new instance.
internal static class StartCommand
{
    public static Command Create(CliEnvironment? environment = null)
    {
        var env = environment ?? CliEnvironment.System;
        var name = VerbOptions.Name("The program to start");
        var timeout = DownFile.TimeoutOption("running");
        var command = new Command("start", "Let a stopped program run again: remove down/NAME, then wait until the restarter has launched it") { name, timeout };
        var roots = RootOptions.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (roots.Resolve(parse, error, out var exitCode) is not { } root)
            {
                return exitCode;
            }

            var program = parse.GetValue(name)!;
            if (DownFile.WhyRefused(root, program) is { } refusal)
            {
                error.WriteLine(refusal);
                return ExitCodes.Unhealthy;
            }

            var path = root.Layout.DownFile(program);
            var requested = env.Time.GetUtcNow();
            DateTimeOffset? launchedAfter = null;
            WritingVerb.Prepare();
            try
            {
                if (DownFile.IsPresent(root, program))
                {
                    File.Delete(path);
                    launchedAfter = requested;
                    output.WriteLine($"removed {path}; waiting for the restarter to launch '{program}'");
                }
                else
                {
                    output.WriteLine($"'{program}' was not stopped by an operator (no {path}); waiting for it to run");
                }
            }
            catch (Exception e) when (RootAccess.IsFileError(e))
            {
                error.WriteLine($"cannot remove {path}: {RootAccess.Describe(e)}");
                return ExitCodes.Unhealthy;
            }

            var store = new StateStore(root.Layout);
            var wait = parse.GetValue(timeout) ?? RestarterWait.DefaultTimeout;
            if (await RestarterWait.UntilAsync(() => RestarterWait.IsStarted(RestarterWait.TryRead(store, program), launchedAfter), wait, env.Time, cancellation).ConfigureAwait(false))
            {
                var state = RestarterWait.TryRead(store, program);
                output.WriteLine($"'{program}' is running: pid {state?.Pid}, launched at {Common.Protocol.ProblemLine.Timestamp(state?.LaunchedAt ?? requested)}");
                return ExitCodes.Ok;
            }

            return DownFile.TimedOut(root, program, "start", wait, env.Time.GetUtcNow(), error);
        });
        return command;
    }
}
