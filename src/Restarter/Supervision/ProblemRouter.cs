using Watchdog.Common.Config;
using Watchdog.Common.Protocol;

namespace Watchdog.Restarter.Supervision;

// Maps a problem name to the program that owns it: the program's own name or one of its hearts.
internal sealed class ProblemRouter
{
    public const string RestarterHeart = DaemonHearts.Restarter;

    private readonly Dictionary<string, ProgramOptions> owners = new(StringComparer.Ordinal);

    public ProblemRouter(IEnumerable<ProgramOptions> programs)
    {
        foreach (var program in programs)
        {
            foreach (var name in program.OwnedNames)
            {
                owners.TryAdd(name, program);
            }
        }
    }

    public ProgramOptions? OwnerOf(string name) => owners.GetValueOrDefault(name);

    // The daemons' own hearts are never unowned: `restarter` is solved as "restarter is back", `watchdog` is left alone.
    public static bool IsReserved(string name) => ConfigLoader.ReservedNames.Contains(name);
}
