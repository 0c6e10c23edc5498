using System.CommandLine;

namespace Watchdog.Common.Cli;

// Runs a System.CommandLine root with the project's exit codes: usage errors exit 2, with the error and a hint.
// Output that cannot be written (stdout closed, a pipe closed early) is dropped and the verb's own code returned.
internal static class CommandLineRunner
{
    // Main's entry: the console, with closed standard streams held first.
    public static int Run(RootCommand root, string[] args)
    {
        StandardStreams.HoldClosedOnes();
        return Run(root, args, Console.Out, Console.Error);
    }

    public static int Run(RootCommand root, string[] args, TextWriter output, TextWriter error)
    {
        using var lossyOutput = new LossyWriter(output);
        using var lossyError = new LossyWriter(error);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                lossyError.WriteLine(parseError.Message);
            }

            lossyError.WriteLine($"Run '{root.Name} --help' for usage.");
            return ExitCodes.Usage;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = lossyOutput, Error = lossyError });
    }
}
