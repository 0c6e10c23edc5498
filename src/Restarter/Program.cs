using System.CommandLine;
using Watchdog.Common.Cli;
using Watchdog.Restarter.Cgroups;
using Watchdog.Restarter.Daemon;

namespace Watchdog.Restarter;

internal static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("Crash-only supervision: launches programs, kills whole tagged trees and relaunches them")
        {
            RunCommand.Create(),
            ValidateCommand.Create(),
            ReleaseCgroupCommand.Create(),
        };
        return CommandLineRunner.Run(root, args);
    }
}
