using Watchdog.Common.Config;
using Watchdog.Common.Protocol;

namespace Watchdog.Restarter.Supervision;

// What a supervised program gets beside its configured environment (DESIGN.md §3).
internal static class ProgramVariables
{
    public static List<KeyValuePair<string, string>> For(RestarterOptions options, RootLayout layout, ProgramOptions program, string tag)
    {
        var environment = new List<KeyValuePair<string, string>>(4)
        {
            new(options.TagVariable, tag),
            new(Common.Protocol.LaunchVariables.Hearts, layout.Hearts),
        };
        if (program.Hearts.Count > 0)
        {
            environment.Add(new(Common.Protocol.LaunchVariables.Heart, program.Hearts[0].Name));
            environment.Add(new(Common.Protocol.LaunchVariables.HeartTimeout, HeartTimeout.FormatSeconds(program.Hearts[0].Timeout)));
        }

        return environment;
    }
}
