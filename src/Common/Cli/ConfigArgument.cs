using System.Diagnostics.CodeAnalysis;
using Watchdog.Common.Config;

namespace Watchdog.Common.Cli;

// Loading the config for a verb: every error goes to the user's error stream, and the verb exits 78.
internal static class ConfigArgument
{
    public static bool TryLoad(string path, ConfigChecks checks, TextWriter error, [NotNullWhen(true)] out WatchdogConfig? config)
    {
        try
        {
            config = ConfigLoader.Load(path, checks);
            return true;
        }
        catch (ConfigException e)
        {
            error.WriteLine(e.Message);
            config = null;
            return false;
        }
    }
}
