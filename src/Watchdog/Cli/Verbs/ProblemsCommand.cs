using System.CommandLine;
using Watchdog.Cli.Options;
using Watchdog.Cli.Reading;

namespace Watchdog.Cli.Verbs;

// `watchdog problems [--json]`: the open problems, newest first, with every report line.
internal static class ProblemsCommand
{
    public static Command Create(CliEnvironment? environment = null)
    {
        var env = environment ?? CliEnvironment.System;
        var command = new Command("problems", "List the open problems, newest first, with their report lines and time to detect");
        var report = ReportOptions.AddTo(command);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (report.Roots.ResolveReadable(parse, error, out var exitCode) is not { } root)
            {
                return exitCode;
            }

            var now = env.Time.GetUtcNow();
            var errors = new List<string>();
            var problems = ProblemReader.Open(root.Layout, errors);
            ProblemList.Write(root, now, problems, errors, report.Json(parse), report.Style(parse, output, env), "no open problems", output);
            return ProblemList.Report(errors, error);
        });
        return command;
    }
}
