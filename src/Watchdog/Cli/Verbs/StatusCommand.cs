using System.CommandLine;
using System.Text.Json;
using Watchdog.Cli.Json;
using Watchdog.Cli.Options;
using Watchdog.Cli.Text;
using Watchdog.Cli.Views;
using Watchdog.Common;

namespace Watchdog.Cli.Verbs;

// `watchdog status [--json]`: programs, hearts and open problems on one screen; exit 0 healthy, 1 otherwise.
internal static class StatusCommand
{
    public static Command Create(CliEnvironment? environment = null)
    {
        var env = environment ?? CliEnvironment.System;
        var command = new Command("status", "Show programs (state, pid, uptime, restarts, last problem), hearts (age against timeout) and open problems; exit 0 when all is healthy, 1 otherwise");
        var report = ReportOptions.AddTo(command);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (report.Roots.ResolveReadable(parse, error, out var exitCode) is not { } root)
            {
                return exitCode;
            }

            var snapshot = StatusSnapshot.Read(root, env.Time.GetUtcNow());
            if (report.Json(parse))
            {
                output.WriteLine(JsonSerializer.Serialize(Document(snapshot), CliJsonContext.Readable.StatusDocument));
            }
            else
            {
                StatusText.Write(snapshot, report.Style(parse, output, env), output);
            }

            foreach (var unreadable in snapshot.Errors)
            {
                error.WriteLine(unreadable);
            }

            return snapshot.Healthy ? ExitCodes.Ok : ExitCodes.Unhealthy;
        });
        return command;
    }

    public static StatusDocument Document(StatusSnapshot snapshot) => new(
        JsonValues.Version,
        snapshot.Root.Root,
        JsonValues.Time(snapshot.Now),
        snapshot.Healthy,
        snapshot.Programs.Select(ProgramJson.From).ToList(),
        snapshot.Hearts.Select(HeartJson.From).ToList(),
        snapshot.Problems.Select(p => ProblemJson.From(p, snapshot.Now)).ToList(),
        snapshot.Errors)
    {
        Daemons = snapshot.Daemons.Select(DaemonJson.From).ToList(),
        ConfigRejected = snapshot.RejectedConfigs,
    };
}
