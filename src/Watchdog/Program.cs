using System.CommandLine;
using Watchdog.Common.Cli;
using Watchdog.Daemon;
using Watchdog.Metrics;

namespace Watchdog;

internal static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("Crash-only supervision: the detector daemon and the operator's command line")
        {
            RunCommand.Create(),
            ValidateCommand.Create(),
            MetricsCommand.Create(TimeProvider.System),
        };
        return CommandLineRunner.Run(root, args, Console.Out, Console.Error);
    }
}
