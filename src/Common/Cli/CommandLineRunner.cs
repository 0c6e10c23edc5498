using System.CommandLine;

namespace Watchdog.Common.Cli;

// Runs a System.CommandLine root with the project's exit codes: usage errors exit 2, with the error and a hint.
internal static class CommandLineRunner
{
    public static int Run(RootCommand root, string[] args, TextWriter output, TextWriter error)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                error.WriteLine(parseError.Message);
            }

            error.WriteLine($"Run '{root.Name} --help' for usage.");
            return ExitCodes.Usage;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
