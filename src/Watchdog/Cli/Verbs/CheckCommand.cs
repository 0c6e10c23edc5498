using System.CommandLine;
using System.Globalization;
using Watchdog.Cli.Options;
using Watchdog.Cli.Reading;
using Watchdog.Cli.Text;
using Watchdog.Cli.Views;
using Watchdog.Common;
using Watchdog.Common.Protocol;

namespace Watchdog.Cli.Verbs;

// `watchdog check NAME`: one line and exit 0 when the heart is fresh, 1 when stale or missing — a Kubernetes exec
// probe or a Nagios/Icinga check. The text after `|` is Nagios performance data (age in seconds; critical = timeout).
internal static class CheckCommand
{
    public static Command Create(CliEnvironment? environment = null)
    {
        var env = environment ?? CliEnvironment.System;
        var name = VerbOptions.Name("The heart to check");
        var command = new Command("check", "Exit 0 if the heart is fresh, 1 if it is stale or missing, with one line of output") { name };
        var roots = RootOptions.AddTo(command);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (roots.Resolve(parse, error, out var exitCode) is not { } root)
            {
                return exitCode;
            }

            var heartName = parse.GetValue(name)!;
            var errors = new List<string>();
            var heart = HeartReader.Read(root.Layout.Heart(heartName), root.DefaultTimeout, env.Time.GetUtcNow(), errors);
            if (heart is null)
            {
                var why = RootAccess.WhyUnusable(root.Root) ?? errors.FirstOrDefault() ?? $"no heart file {root.Layout.Heart(heartName)}";
                output.WriteLine($"MISSING: heart '{heartName}': {why}");
                return ExitCodes.Unhealthy;
            }

            output.WriteLine(Line(heart));
            return heart.Stale ? ExitCodes.Unhealthy : ExitCodes.Ok;
        });
        return command;
    }

    public static string Line(HeartView heart)
    {
        var timeout = Duration.Format(heart.Timeout) + (heart.TimeoutFromFile ? "" : ", the default: its content is not a timeout");
        var words = heart.Stale
            ? $"STALE: heart '{heart.Name}' silent for {HumanDuration.Format(heart.Age)} (timeout {timeout})"
            : heart.Age < TimeSpan.Zero
                ? $"OK: heart '{heart.Name}' in its startup grace for {HumanDuration.Format(heart.Age.Negate())} more (timeout {timeout})"
                : $"OK: heart '{heart.Name}' beat {HumanDuration.Format(heart.Age)} ago (timeout {timeout})";
        var c = CultureInfo.InvariantCulture;
        return string.Create(c, $"{words} | age={Math.Max(0, heart.Age.TotalSeconds):0.###}s;;{heart.Timeout.TotalSeconds:0.###}");
    }
}
