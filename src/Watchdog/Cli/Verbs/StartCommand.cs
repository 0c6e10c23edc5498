using System.CommandLine;
using Watchdog.Cli.Options;
using Watchdog.Cli.Reading;
using Watchdog.Cli.Views;
using Watchdog.Common;
using Watchdog.Common.Protocol;
using Watchdog.Common.State;

namespace Watchdog.Cli.Verbs;

// `watchdog start NAME`: remove down/NAME, or for a program that is done (its restart policy accepted its exit)
// write the operator's problem that asks for a launch; then wait until the restarter runs a new instance. What
// cannot start it now (given up, no restarter) is said at once instead of waited for.
internal static class StartCommand
{
    public static Command Create(CliEnvironment? environment = null)
    {
        var env = environment ?? CliEnvironment.System;
        var name = VerbOptions.Name("The program to start");
        var timeout = DownFile.TimeoutOption("running");
        var command = new Command("start", "Run a program again: remove down/NAME (or ask for a launch of a done program), then wait until the restarter has launched it") { name, timeout };
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

            var requested = env.Time.GetUtcNow();
            var situation = ProgramSituation.Read(root, program, requested);
            WritingVerb.Prepare();
            if (Request(root, program, situation, env, requested, output, error) is not { } asked)
            {
                return ExitCodes.Unhealthy;
            }

            if (situation.RestarterAbsent is { } absent)
            {
                error.WriteLine(absent);
                return ExitCodes.Unhealthy;
            }

            output.WriteLine($"waiting for the restarter to {(asked.LaunchedAfter is null ? "report" : "launch")} '{program}'");

            var store = new StateStore(root.Layout);
            var wait = parse.GetValue(timeout) ?? RestarterWait.DefaultTimeout;
            if (await RestarterWait.UntilAsync(() => RestarterWait.IsStarted(RestarterWait.TryRead(store, program), asked.LaunchedAfter), wait, env.Time, cancellation).ConfigureAwait(false))
            {
                var state = RestarterWait.TryRead(store, program);
                output.WriteLine($"'{program}' is running: pid {state?.Pid}, launched at {ProblemLine.Timestamp(state?.LaunchedAt ?? requested)}");
                return ExitCodes.Ok;
            }

            return DownFile.TimedOut(root, program, "start", wait, env.Time.GetUtcNow(), error);
        });
        return command;
    }

    // What was asked of the restarter; null when nothing could be (the reason is written).
    private sealed record Asked(DateTimeOffset? LaunchedAfter);

    private static Asked? Request(OperatorRoot root, string program, ProgramSituation situation, CliEnvironment env, DateTimeOffset now, TextWriter output, TextWriter error)
    {
        var down = root.Layout.DownFile(program);
        var problem = root.Layout.Problem(program);
        try
        {
            if (DownFile.IsPresent(root, program))
            {
                File.Delete(down);
                output.WriteLine($"removed {down}");
                return new Asked(now);
            }

            switch (situation.Condition)
            {
                case ProgramCondition.GivenUp:
                    error.WriteLine($"not started: {situation.WhyNoRestart}");
                    return null;
                case ProgramCondition.Done:
                    if (RootAccess.WhyUnwritable(root.Layout.Problems, "start") is { } refusal)
                    {
                        error.WriteLine(refusal);
                        return null;
                    }

                    ProblemFile.TryCreate(root.Layout, program, now, Detectors.Operator, $"start requested by {env.User()}");
                    output.WriteLine($"'{program}' is {situation.Describe()}; asked the restarter to launch it ({problem})");
                    return new Asked(now);
                default:
                    output.WriteLine($"'{program}' was not stopped by an operator (no {down})");
                    return new Asked(null);
            }
        }
        catch (Exception e) when (RootAccess.IsFileError(e))
        {
            error.WriteLine($"cannot change {(situation.Condition == ProgramCondition.Done ? problem : down)}: {RootAccess.Describe(e)}");
            return null;
        }
    }
}
