using System.CommandLine;
using Watchdog.Cli;
using Watchdog.Cli.Verbs;
using Watchdog.Common.Cli;
using Watchdog.Daemon;

namespace Watchdog;

internal static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("Crash-only supervision: the detector daemon and the operator's command line")
        {
            RunCommand.Create(),
            ValidateCommand.Create(),
            StatusCommand.Create(),
            ProblemsCommand.Create(),
            HistoryCommand.Create(),
            MarkCommand.Create(),
            StopCommand.Create(),
            StartCommand.Create(),
            ResetCommand.Create(),
            BeatCommand.Create(),
            CheckCommand.Create(),
            MetricsCommand.Create(),
        };
        return CommandLineRunner.Run(root, args);
    }
}
