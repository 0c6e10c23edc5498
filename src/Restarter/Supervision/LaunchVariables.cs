using Watchdog.Common.Config;
using Watchdog.Common.Protocol;

namespace Watchdog.Restarter.Supervision;

// What a supervised program gets beside its configured environment (DESIGN.md §3).
internal static class LaunchVariables
{
    public static List<KeyValuePair<string, string>> For(RestarterOptions options, RootLayout layout, ProgramOptions program, string tag)
    {
        var environment = new List<KeyValuePair<string, string>>(4)
        {
            new(options.TagVariable, tag),
            new("WATCHDOG_HEARTS", layout.Hearts),
        };
        if (program.Hearts.Count > 0)
        {
            environment.Add(new("WATCHDOG_HEART", program.Hearts[0].Name));
            environment.Add(new("WATCHDOG_HEART_TIMEOUT", Duration.FormatSeconds(program.Hearts[0].Timeout)));
        }

        return environment;
    }
}
