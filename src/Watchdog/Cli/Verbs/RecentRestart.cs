using Watchdog.Cli.Reading;
using Watchdog.Common.Protocol;

namespace Watchdog.Cli.Verbs;

// A second `mark` right after the first (an operator pressing enter twice, two scripts reacting to one alert) is
// the same intent, not a wish for two restarts: a problem of that name solved this recently is the restart asked for.
internal static class RecentRestart
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    // How long ago the newest solved problem of any of names was solved, when that is less than Window.
    public static TimeSpan? Within(RootLayout layout, IEnumerable<string> names, DateTimeOffset now)
    {
        TimeSpan? newest = null;
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            foreach (var entry in ProblemReader.History(layout, since: null, name, limit: 1, []))
            {
                if (entry.SolvedAt is { } at && now - at < Window && now >= at && (newest is null || now - at < newest))
                {
                    newest = now - at;
                }
            }
        }

        return newest;
    }
}
