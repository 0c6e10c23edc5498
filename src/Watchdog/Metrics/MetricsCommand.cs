using System.CommandLine;
using Watchdog.Common;
using Watchdog.Common.Cli;
using Watchdog.Common.Config;
using Watchdog.Common.Protocol;
using Watchdog.Common.State;
using Watchdog.Detector;

namespace Watchdog.Metrics;

// `metrics`: the same exposition the daemon writes to metrics_file, computed from the directories as they are now.
// Staleness here is the wall clock's alone (a one-shot look has no monotonic history), and the daemon's own
// counters (problems opened, escalations) are only in the daemon's file.
internal static class MetricsCommand
{
    public static Command Create(TimeProvider time)
    {
        var config = CommonOptions.Config();
        var root = new Option<string?>("--root") { Description = "The root directory (default: root from the config)", HelpName = "DIR" };
        var command = new Command("metrics", "Print the Prometheus text exposition (the same the daemon writes to metrics_file)") { config, root };
        command.SetAction(parse => Run(parse.GetValue(config), parse.GetValue(root), time, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(string? configOption, string? rootOption, TimeProvider time, TextWriter output, TextWriter error)
    {
        var path = ConfigLoader.ResolvePath(configOption);
        WatchdogConfig config;
        try
        {
            // With --root alone and no config file in its default place, the documented defaults do.
            config = rootOption is not null && configOption is null && !File.Exists(path)
                ? ConfigLoader.Parse("", path, ConfigChecks.None)
                : ConfigLoader.Load(path, ConfigChecks.None);
        }
        catch (ConfigException e)
        {
            error.WriteLine(e.Message);
            return ExitCodes.Config;
        }

        var layout = new RootLayout(rootOption is null ? config.Root : Path.GetFullPath(rootOption));
        var snapshot = new MetricsSnapshot { Now = time.GetUtcNow() };
        var now = new Instant(snapshot.Now, TimeSpan.Zero);
        var hearts = new EntryTable<HeartTrack>(name => new HeartTrack(name));
        if (TryScan(layout.Hearts, hearts, error))
        {
            foreach (var heart in hearts.Entries.Where(h => h.IsUsable).OrderBy(h => h.Name, StringComparer.Ordinal))
            {
                var timeout = heart.Content == HeartContent.Valid ? heart.DeclaredTimeout : config.Watchdog.DefaultTimeout;
                heart.Clock.Observe(heart.Stat.Modified, now);
                var stale = heart.Name != HeartDetector.OwnHeart && heart.Clock.IsOlderThan(timeout, now);
                snapshot.Hearts.Add(new HeartView(heart.Name, heart.Clock.WallAge(now), timeout, stale));
            }
        }

        var problems = new EntryTable<ProblemTrack>(name => new ProblemTrack(name));
        if (TryScan(layout.Problems, problems, error))
        {
            foreach (var problem in problems.Entries.Where(p => p.IsUsable).OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                snapshot.Problems.Add(new ProblemView(problem.Name, snapshot.Now - problem.Stat.Modified));
            }
        }

        ProgramStates.ReadInto(new StateStore(layout), snapshot.Programs, message => error.WriteLine($"watchdog metrics: skipped a state file: {message}"));
        output.Write(MetricsRenderer.Render(snapshot));
        return ExitCodes.Ok;
    }

    private static bool TryScan<T>(string directory, EntryTable<T> table, TextWriter error)
        where T : TrackedEntry
    {
        try
        {
            DirectoryScan<T>.Run(directory, table);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"watchdog metrics: cannot read {directory}: {e.Message}");
            return false;
        }
    }
}
