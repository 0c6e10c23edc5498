using System.CommandLine;
using Watchdog.Common.Config;

namespace Watchdog.Common.Cli;

// `validate`: load and check the config, print every error, exit 0 or 78.
internal static class ValidateCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var command = new Command("validate", "Load and check the config; print every error with its line and column (exit 0, or 78)") { config };
        command.SetAction(parse => Run(ConfigLoader.ResolvePath(parse.GetValue(config)), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(string path, TextWriter output, TextWriter error)
    {
        if (!ConfigArgument.TryLoad(path, ConfigChecks.All, error, out var config))
        {
            return ExitCodes.Config;
        }

        output.WriteLine($"{config.SourcePath}: OK (root {config.Root}, {config.Restarter.Programs.Count} program(s))");
        return ExitCodes.Ok;
    }
}
