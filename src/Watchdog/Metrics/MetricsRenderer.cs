using System.Globalization;
using System.Text;
using Watchdog.Common.State;

namespace Watchdog.Metrics;

// The Prometheus text exposition format (version 0.0.4), for node_exporter's textfile collector and the
// `metrics` verb. Every name starts with `watchdog_`; units in names (`_seconds`), counters end in `_total`.
internal static class MetricsRenderer
{
    public static string Render(MetricsSnapshot snapshot)
    {
        var output = new StringBuilder(256 + (snapshot.Hearts.Count * 200));
        Render(output, snapshot);
        return output.ToString();
    }

    public static void Render(StringBuilder output, MetricsSnapshot snapshot)
    {
        var hearts = snapshot.Hearts;
        Family(output, "watchdog_hearts", "gauge", "Heart files in hearts/.");
        Sample(output, "watchdog_hearts", null, null, hearts.Count);
        if (hearts.Count > 0)
        {
            Family(output, "watchdog_heart_age_seconds", "gauge", "Seconds since the heart's last beat (its file's mtime; negative while in startup grace).");
            hearts.ForEach(h => Sample(output, "watchdog_heart_age_seconds", "heart", h.Name, h.Age.TotalSeconds));
            Family(output, "watchdog_heart_timeout_seconds", "gauge", "The heart's timeout: its file's content, else the default timeout.");
            hearts.ForEach(h => Sample(output, "watchdog_heart_timeout_seconds", "heart", h.Name, h.Timeout.TotalSeconds));
            Family(output, "watchdog_heart_stale", "gauge", "1 when the heart is stale (silent longer than its timeout), else 0.");
            hearts.ForEach(h => Sample(output, "watchdog_heart_stale", "heart", h.Name, h.Stale ? 1 : 0));
        }

        Family(output, "watchdog_problems_open", "gauge", "Problem files in problems/ (unsolved problems).");
        Sample(output, "watchdog_problems_open", null, null, snapshot.Problems.Count);
        if (snapshot.Problems.Count > 0)
        {
            Family(output, "watchdog_problem_age_seconds", "gauge", "Seconds since the problem was first noticed.");
            snapshot.Problems.ForEach(p => Sample(output, "watchdog_problem_age_seconds", "problem", p.Name, p.Age.TotalSeconds));
        }

        if (snapshot.Counters is { } counters)
        {
            Family(output, "watchdog_problems_opened_total", "counter", "Problems the watchdog daemon opened since it started.");
            Sample(output, "watchdog_problems_opened_total", null, null, counters.ProblemsOpened);
            Family(output, "watchdog_escalations_total", "counter", "Escalation commands the watchdog daemon started since it started.");
            Sample(output, "watchdog_escalations_total", null, null, counters.EscalationsStarted);
        }

        RenderPrograms(output, snapshot.Programs, snapshot.Now);
        Family(output, "watchdog_metrics_timestamp_seconds", "gauge", "When these metrics were computed (Unix time), to spot a stale metrics file.");
        Sample(output, "watchdog_metrics_timestamp_seconds", null, null, snapshot.Now.ToUnixTimeMilliseconds() / 1000.0);
    }

    private static void RenderPrograms(StringBuilder output, List<ProgramState> programs, DateTimeOffset now)
    {
        if (programs.Count == 0)
        {
            return;
        }

        Family(output, "watchdog_program_running", "gauge", "1 when the restarter last recorded the program as running, else 0.");
        programs.ForEach(p => Sample(output, "watchdog_program_running", "program", p.Name, p.Phase == ProgramPhase.Running ? 1 : 0));
        Family(output, "watchdog_program_given_up", "gauge", "1 when the restarter gave the program up (too many restarts), else 0.");
        programs.ForEach(p => Sample(output, "watchdog_program_given_up", "program", p.Name, p.Phase == ProgramPhase.GivenUp ? 1 : 0));
        Family(output, "watchdog_program_stopped", "gauge", "1 when the operator stopped the program (down/<name>), else 0.");
        programs.ForEach(p => Sample(output, "watchdog_program_stopped", "program", p.Name, p.Phase == ProgramPhase.Stopped ? 1 : 0));
        Family(output, "watchdog_program_restarts_last_hour", "gauge", "Restarts of the program in the last hour, from the restarter's state.");
        programs.ForEach(p => Sample(output, "watchdog_program_restarts_last_hour", "program", p.Name, RestartWindow.CountLastHour(p.Restarts, now)));
        Family(output, "watchdog_program_uptime_seconds", "gauge", "Seconds since the program's current launch; 0 when it is not running.");
        programs.ForEach(p => Sample(output, "watchdog_program_uptime_seconds", "program", p.Name,
            p is { Phase: ProgramPhase.Running, LaunchedAt: { } launched } ? Math.Max(0, (now - launched).TotalSeconds) : 0));
    }

    private static void Family(StringBuilder output, string name, string type, string help) =>
        output.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder output, string name, string? label, string? value, double number)
    {
        output.Append(name);
        if (label is not null)
        {
            output.Append('{').Append(label).Append("=\"");
            foreach (var c in value!)
            {
                _ = c switch
                {
                    '\\' => output.Append(@"\\"),
                    '"' => output.Append("\\\""),
                    '\n' => output.Append(@"\n"),
                    _ => output.Append(c),
                };
            }

            output.Append("\"}");
        }

        output.Append(' ').Append(number.ToString("0.###", CultureInfo.InvariantCulture)).Append('\n');
    }
}
