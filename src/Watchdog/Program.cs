using System.CommandLine;
using Watchdog.Cli;
using Watchdog.Common.Cli;

namespace Watchdog;

internal static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("Crash-only supervision: the detector daemon and the operator's command line")
        {
            ValidateCommand.Create(),
            StatusCommand.Create(),
            ProblemsCommand.Create(),
            HistoryCommand.Create(),
            MarkCommand.Create(),
            StopCommand.Create(),
            StartCommand.Create(),
            BeatCommand.Create(),
            CheckCommand.Create(),
        };
        return CommandLineRunner.Run(root, args, Console.Out, Console.Error);
    }
}
