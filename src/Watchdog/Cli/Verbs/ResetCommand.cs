using System.CommandLine;
using Watchdog.Cli.Options;
using Watchdog.Cli.Reading;
using Watchdog.Cli.Views;
using Watchdog.Common;
using Watchdog.Common.Protocol;

namespace Watchdog.Cli.Verbs;

// `watchdog reset NAME` (DESIGN.md §7, like `systemctl reset-failed`): clear a give-up and the backoff and launch
// now. The request is a problem line `reset: …` the restarter acts on and solves into history, so it survives a
// restarter crash like any problem; then the verb waits until the restarter has answered.
internal static class ResetCommand
{
    public static Command Create(CliEnvironment? environment = null)
    {
        var env = environment ?? CliEnvironment.System;
        var name = VerbOptions.Name("The program to reset");
        var timeout = DownFile.TimeoutOption("reset");
        var command = new Command("reset", "Clear a give-up and the backoff of a program; the restarter launches it now (a running program keeps running)") { name, timeout };
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
            if ((DownFile.WhyRefused(root, program) ?? RootAccess.WhyUnwritable(root.Layout.Problems, "reset")) is { } refusal)
            {
                error.WriteLine(refusal);
                return ExitCodes.Unhealthy;
            }

            var now = env.Time.GetUtcNow();
            var situation = ProgramSituation.Read(root, program, now);
            if (situation.Condition is ProgramCondition.Stopped or ProgramCondition.Stopping)
            {
                error.WriteLine($"not reset: {situation.WhyNoRestart}");
                return ExitCodes.Unhealthy;
            }

            var text = $"requested by {env.User()}";
            var path = root.Layout.Problem(program);
            WritingVerb.Prepare();
            try
            {
                if (!ProblemFile.TryCreate(root.Layout, program, now, Detectors.Reset, text))
                {
                    ProblemFile.TryAppend(path, now, Detectors.Reset, text);
                }
            }
            catch (Exception e) when (RootAccess.IsFileError(e))
            {
                error.WriteLine($"cannot write {path}: {RootAccess.Describe(e)}");
                return ExitCodes.Unhealthy;
            }

            output.WriteLine($"asked the restarter to reset '{program}' ({path}); it was {situation.Describe()}");
            if (situation.RestarterAbsent is { } absent)
            {
                error.WriteLine($"{absent}; the request stays in {path} until then");
                return ExitCodes.Unhealthy;
            }

            // The restarter solves the request once it has acted on it: then the state says how that went.
            var wait = parse.GetValue(timeout) ?? RestarterWait.DefaultTimeout;
            if (await RestarterWait.UntilAsync(() => !RootFile.Exists(path), wait, env.Time, cancellation).ConfigureAwait(false))
            {
                var after = ProgramSituation.Read(root, program, env.Time.GetUtcNow());
                var state = after.View.State;
                if (after.Condition is ProgramCondition.Running or ProgramCondition.Flapping)
                {
                    output.WriteLine($"'{program}' is reset and running: pid {state?.Pid}, launched at {ProblemLine.Timestamp(state?.LaunchedAt ?? now)} ({state?.LastResolution})");
                    return ExitCodes.Ok;
                }

                error.WriteLine($"'{program}' was reset ({state?.LastResolution}) but is now {after.Describe()}");
                return ExitCodes.Unhealthy;
            }

            return DownFile.TimedOut(root, program, "reset", wait, env.Time.GetUtcNow(), error);
        });
        return command;
    }
}
