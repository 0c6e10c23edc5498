using System.CommandLine;
using Watchdog.Cli.Options;
using Watchdog.Cli.Reading;
using Watchdog.Detector;
using Watchdog.Metrics;

namespace Watchdog.Cli.Verbs;

// `watchdog metrics`: the same exposition the daemon writes to metrics_file, computed from the directories as they
// are now, through the readers every verb uses. Staleness here is the wall clock's alone (a one-shot look has no
// monotonic history), and the daemon's own counters (problems opened, escalations) are only in the daemon's file.
internal static class MetricsCommand
{
    public static Command Create(CliEnvironment? environment = null)
    {
        var env = environment ?? CliEnvironment.System;
        var command = new Command("metrics", "Print the Prometheus text exposition (the same the daemon writes to metrics_file)");
        var roots = RootOptions.AddTo(command);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (roots.ResolveReadable(parse, error, out var exitCode) is not { } root)
            {
                return exitCode;
            }

            var errors = new List<string>();
            output.Write(MetricsRenderer.Render(Read(root, env.Time.GetUtcNow(), errors)));
            return ProblemList.Report(errors, error);
        });
        return command;
    }

    public static MetricsSnapshot Read(OperatorRoot root, DateTimeOffset now, ICollection<string> errors)
    {
        var snapshot = new MetricsSnapshot { Now = now };
        foreach (var heart in HeartReader.ReadAll(root, now, errors))
        {
            // The daemon never judges its own heart (a stopped loop cannot mark itself); neither do its metrics.
            snapshot.Hearts.Add(new HeartSample(heart.Name, heart.Age, heart.Timeout, heart.Stale && heart.Name != HeartDetector.OwnHeart));
        }

        foreach (var problem in ProblemReader.Open(root.Layout, errors).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            snapshot.Problems.Add(new ProblemSample(problem.Name, now - problem.FirstNoticed));
        }

        foreach (var program in ProgramReader.ReadAll(root, now, errors))
        {
            if (program.State is { } state)
            {
                snapshot.Programs.Add(state);
            }
            else if (program.Error is { } unreadable)
            {
                errors.Add(unreadable);
            }
        }

        return snapshot;
    }
}
