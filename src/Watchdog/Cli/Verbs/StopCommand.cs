using System.CommandLine;
using System.Text;
using Watchdog.Cli.Options;
using Watchdog.Cli.Reading;
using Watchdog.Common;
using Watchdog.Common.Protocol;
using Watchdog.Common.State;

namespace Watchdog.Cli.Verbs;

// `watchdog stop NAME`: the operator's wish on disk (down/NAME, runit's `down` file), then wait until the
// restarter has stopped the program and its process is gone.
internal static class StopCommand
{
    public static Command Create(CliEnvironment? environment = null)
    {
        var env = environment ?? CliEnvironment.System;
        var name = VerbOptions.Name("The program to stop");
        var timeout = DownFile.TimeoutOption("stopped");
        var command = new Command("stop", "Keep a program stopped: create down/NAME, then wait until the restarter has killed its tree") { name, timeout };
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
            if ((DownFile.WhyRefused(root, program) ?? RootAccess.WhyUnwritable(root.Layout.Down, "stop")) is { } refusal)
            {
                error.WriteLine(refusal);
                return ExitCodes.Unhealthy;
            }

            var path = root.Layout.DownFile(program);
            var now = env.Time.GetUtcNow();
            WritingVerb.Prepare();
            try
            {
                var created = AtomicFile.TryCreateNew(path, Encoding.UTF8.GetBytes($"stopped by {env.User()} at {ProblemLine.Timestamp(now)}\n"), durable: true);
                output.WriteLine(created ? $"created {path}; waiting for the restarter to stop '{program}'" : $"{path} exists already; waiting for the restarter to stop '{program}'");
            }
            catch (Exception e) when (RootAccess.IsFileError(e))
            {
                error.WriteLine($"cannot create {path}: {RootAccess.Describe(e)}");
                return ExitCodes.Unhealthy;
            }

            var store = new StateStore(root.Layout);
            var wait = parse.GetValue(timeout) ?? RestarterWait.DefaultTimeout;
            if (await RestarterWait.UntilAsync(() => RestarterWait.IsStopped(RestarterWait.TryRead(store, program)), wait, env.Time, cancellation).ConfigureAwait(false))
            {
                output.WriteLine($"'{program}' is stopped and stays stopped until `watchdog start {program}`");
                return ExitCodes.Ok;
            }

            return DownFile.TimedOut(root, program, "stop", wait, env.Time.GetUtcNow(), error);
        });
        return command;
    }
}
