using Watchdog.Cli.Reading;
using Watchdog.Cli.Text;
using Watchdog.Common.Protocol;

namespace Watchdog.Cli.Views;

// Everything `status` shows, read once; Errors says what could not be read and why.
internal sealed record StatusSnapshot(
    OperatorRoot Root,
    DateTimeOffset Now,
    IReadOnlyList<ProgramView> Programs,
    IReadOnlyList<HeartView> Hearts,
    IReadOnlyList<ProblemView> Problems,
    IReadOnlyList<string> Errors)
{
    // The daemons are judged (and named first) whenever programs are configured: then both are needed, one to see a
    // hang, the other to act on it. Without programs (mark-only mode) neither is asked for.
    public IReadOnlyList<DaemonView> Daemons { get; init; } = [];

    public static StatusSnapshot Read(OperatorRoot root, DateTimeOffset now)
    {
        var errors = new List<string>();
        var programs = ProgramReader.ReadAll(root, now, errors);
        var hearts = HeartReader.ReadAll(root, now, errors);
        var problems = ProblemReader.Open(root.Layout, errors);
        var configured = root.Config is { } config ? config.Restarter.Programs.Count > 0 : programs.Count > 0;
        var rejected = RejectedConfigReader.Read(root.Layout, errors);
        return new StatusSnapshot(root, now, programs, hearts, problems, errors)
        {
            Daemons = configured ? [DaemonView.Of(DaemonHearts.Restarter, hearts), DaemonView.Of(DaemonHearts.Watchdog, hearts)] : [],
            RejectedConfigs = rejected,
        };
    }

    // A daemon that refused its reloaded config runs the previous one (RejectedConfigReader): not the config on disk.
    public IReadOnlyList<string> RejectedConfigs { get; init; } = [];

    public bool Healthy => Daemons.All(d => d.Running) && Programs.All(p => p.Healthy) && !Hearts.Any(h => h.Stale) && Problems.Count == 0 && Errors.Count == 0 && RejectedConfigs.Count == 0;

    // What is wrong, in a few words each: `1 program given up`, `2 hearts stale`.
    public IReadOnlyList<string> Complaints()
    {
        var complaints = Daemons.Where(d => !d.Running).Select(d => $"{d.Name} not running").Concat(Programs
            .Where(p => !p.Healthy)
            .GroupBy(p => p.Condition)
            .OrderBy(g => g.Key)
            .Select(g => Count(g.Count(), "program") + " " + ProgramConditionText.Complaint(g.Key)))
            .ToList();
        AddIf(complaints, Hearts.Count(h => h.Stale), "heart", "stale");
        AddIf(complaints, Problems.Count, "problem", "open");
        AddIf(complaints, Errors.Count, "path", "unreadable");
        if (RejectedConfigs.Count > 0)
        {
            complaints.Add("config rejected, running the previous one");
        }

        return complaints;
    }

    public static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static void AddIf(List<string> complaints, int n, string noun, string what)
    {
        if (n > 0)
        {
            complaints.Add($"{Count(n, noun)} {what}");
        }
    }
}
