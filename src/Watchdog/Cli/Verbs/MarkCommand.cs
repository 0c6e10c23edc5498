using System.CommandLine;
using System.Text;
using Watchdog.Cli.Options;
using Watchdog.Cli.Reading;
using Watchdog.Cli.Text;
using Watchdog.Cli.Views;
using Watchdog.Common;
using Watchdog.Common.Protocol;

namespace Watchdog.Cli.Verbs;

// `watchdog mark NAME [--reason TEXT] [--force]`: opens a problem as an operator, so the restarter restarts the
// program. An open problem is never overwritten: its first-noticed time and lines are what the restarter acts on.
// It says what will really happen: nothing is marked for a program given up or stopped (another verb is named),
// nor right after a restart of the same name (RecentRestart; --force marks anyway).
internal static class MarkCommand
{
    public const string Detector = Detectors.Operator;

    public static Command Create(CliEnvironment? environment = null)
    {
        var env = environment ?? CliEnvironment.System;
        var name = VerbOptions.Name("The program or heart to restart");
        var reason = new Option<string?>("--reason") { Description = "Why (default: restart requested by USER)", HelpName = "TEXT" };
        var force = new Option<bool>("--force") { Description = "Mark even when a restart of NAME was done less than a second ago" };
        var command = new Command("mark", "Ask for a restart: write problems/NAME as an operator (never over an open problem)") { name, reason, force };
        var roots = RootOptions.AddTo(command);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (roots.Resolve(parse, error, out var exitCode) is not { } root)
            {
                return exitCode;
            }

            var target = parse.GetValue(name)!;
            if ((RootAccess.WhyUnusable(root.Root) ?? RootAccess.WhyUnwritable(root.Layout.Problems, "mark")) is { } refusal)
            {
                error.WriteLine(refusal);
                return ExitCodes.Unhealthy;
            }

            var path = root.Layout.Problem(target);
            var refused = new List<string>();
            if (RootFile.Exists(path) && !RootFile.IsRegular(path, refused))
            {
                error.WriteLine(refused.FirstOrDefault() ?? $"cannot read {path}");
                return ExitCodes.Unhealthy;
            }

            if (!IsKnown(root, target))
            {
                error.WriteLine($"nothing is named '{target}': no such program in the config, no heart {root.Layout.Heart(target)}, no restarter state — a problem about it would only escalate");
                return ExitCodes.Unhealthy;
            }

            var now = env.Time.GetUtcNow();
            var situation = ProgramSituation.Read(root, target, now);
            if (situation.WhyNoRestart is { } why)
            {
                error.WriteLine($"not marked: {why}");
                return ExitCodes.Unhealthy;
            }

            if (!parse.GetValue(force) && RecentRestart.Within(root.Layout, [target, situation.Program], now) is { } ago)
            {
                output.WriteLine($"a restart for '{target}' was done {ProgramStateText.Seconds(ago)} ago; not marked again (use --force to restart again)");
                return ExitCodes.Ok;
            }

            var text = parse.GetValue(reason) is { Length: > 0 } given ? given : $"restart requested by {env.User()}";
            WritingVerb.Prepare();
            try
            {
                if (ProblemFile.TryCreate(root.Layout, target, now, Detector, text))
                {
                    output.WriteLine($"marked '{target}': {ProblemLine.Format(now, Detector, text).TrimEnd()}");
                    output.WriteLine(situation.Condition == ProgramCondition.Done
                        ? $"'{situation.Program}' is {situation.Describe()}: the restarter launches it again; follow with `watchdog status`."
                        : $"The restarter restarts it and moves the problem to history; follow with `watchdog status` or `watchdog history --name {target}`.");
                    if (situation.RestarterAbsent is { } absent)
                    {
                        error.WriteLine($"{absent}; the problem stays open until then");
                    }

                    return ExitCodes.Ok;
                }
            }
            catch (Exception e) when (RootAccess.IsFileError(e))
            {
                error.WriteLine($"cannot write {path}: {RootAccess.Describe(e)}");
                return ExitCodes.Unhealthy;
            }

            return AlreadyOpen(path, target, output, error);
        });
        return command;
    }

    private static int AlreadyOpen(string path, string target, TextWriter output, TextWriter error)
    {
        var refused = new List<string>();
        var open = RootFile.TryRead(path, ProblemFile.MaxReadBytes, refused);
        if (refused.Count > 0)
        {
            error.WriteLine(refused[0]);
            return ExitCodes.Unhealthy;
        }

        var first = open is null ? null : Encoding.UTF8.GetString(open.Bytes.Span).Split('\n', 2)[0];
        output.WriteLine(open is null
            ? $"a restart for '{target}' was done just now (its problem was solved meanwhile); not marked again (run mark again to restart again)"
            : $"a restart for '{target}' is already in progress (problem open since {ProblemLine.Timestamp(open.Modified)}: {(first is { Length: > 0 } ? Printable.Escape(first) : "(empty)")}); not marked again");
        return ExitCodes.Ok;
    }

    // A problem about a name no one owns would never be solved and would only wake the escalation.
    private static bool IsKnown(OperatorRoot root, string name) =>
        root.IsConfiguredName(name)
        || RootFile.Exists(root.Layout.Heart(name))
        || RootFile.Exists(new Common.State.StateStore(root.Layout).PathFor(name));
}
