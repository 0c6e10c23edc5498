using System.CommandLine;
using System.Text;
using Watchdog.Cli.Options;
using Watchdog.Cli.Reading;
using Watchdog.Cli.Text;
using Watchdog.Common;
using Watchdog.Common.Protocol;

namespace Watchdog.Cli.Verbs;

// `watchdog mark NAME [--reason TEXT]`: opens a problem as an operator, so the restarter restarts the program.
// An open problem is never overwritten: its first-noticed time and lines are what the restarter acts on.
internal static class MarkCommand
{
    public const string Detector = Detectors.Operator;

    public static Command Create(CliEnvironment? environment = null)
    {
        var env = environment ?? CliEnvironment.System;
        var name = VerbOptions.Name("The program or heart to restart");
        var reason = new Option<string?>("--reason") { Description = "Why (default: restart requested by USER)", HelpName = "TEXT" };
        var command = new Command("mark", "Ask for a restart: write problems/NAME as an operator (never over an open problem)") { name, reason };
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

            var text = parse.GetValue(reason) is { Length: > 0 } given ? given : $"restart requested by {env.User()}";
            var now = env.Time.GetUtcNow();
            WritingVerb.Prepare();
            try
            {
                if (ProblemFile.TryCreate(root.Layout, target, now, Detector, text))
                {
                    output.WriteLine($"marked '{target}': {ProblemLine.Format(now, Detector, text).TrimEnd()}");
                    output.WriteLine("The restarter restarts it and moves the problem to history; follow with `watchdog status` or `watchdog history --name " + target + "`.");
                    return ExitCodes.Ok;
                }
            }
            catch (Exception e) when (RootAccess.IsFileError(e))
            {
                error.WriteLine($"cannot write {path}: {RootAccess.Describe(e)}");
                return ExitCodes.Unhealthy;
            }

            var open = RootFile.TryRead(path, ProblemFile.MaxReadBytes, refused);
            if (refused.Count > 0)
            {
                error.WriteLine(refused[0]);
                return ExitCodes.Unhealthy;
            }

            var first = open is null ? null : Encoding.UTF8.GetString(open.Bytes.Span).Split('\n', 2)[0];
            output.WriteLine(open is null
                ? $"a problem '{target}' was open and has just been solved; run mark again to ask for another restart"
                : $"a problem '{target}' is already open (since {ProblemLine.Timestamp(open.Modified)}: {(first is { Length: > 0 } ? Printable.Escape(first) : "(empty)")}); left as it is, the restarter is on it");
            return ExitCodes.Ok;
        });
        return command;
    }

    // A problem about a name no one owns would never be solved and would only wake the escalation.
    private static bool IsKnown(OperatorRoot root, string name) =>
        root.IsConfiguredName(name)
        || RootFile.Exists(root.Layout.Heart(name))
        || RootFile.Exists(new Common.State.StateStore(root.Layout).PathFor(name));
}
