using System.CommandLine;
using Watchdog.Common.Config;
using Watchdog.Common.Protocol;
using Watchdog.Common.State;

namespace Watchdog.Common.Cli;

// `validate [--plan]`: load and check the config, print every error, exit 0 or 78. With --plan, also the difference
// a reload (or the restarter's next start) would apply to the programs, read from state/ under the config's root;
// nothing is changed (s6-rc-update -n).
internal static class ValidateCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var plan = new Option<bool>("--plan")
        {
            Description = "Also print what a reload would do to each program (add, remove, restart and why, keep), from the restarter's state; changes nothing",
        };
        var command = new Command("validate", "Load and check the config; print every error with its line and column (exit 0, or 78)") { config, plan };
        command.SetAction(parse => Run(ConfigLoader.ResolvePath(parse.GetValue(config)), parse.GetValue(plan), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(string path, TextWriter output, TextWriter error) => Run(path, plan: false, output, error);

    public static int Run(string path, bool plan, TextWriter output, TextWriter error)
    {
        if (!ConfigArgument.TryLoad(path, ConfigChecks.All, error, out var config))
        {
            return ExitCodes.Config;
        }

        output.WriteLine($"{config.SourcePath}: OK (root {config.Root}, {config.Restarter.Programs.Count} program(s))");
        if (plan)
        {
            WritePlan(config, output);
        }

        return ExitCodes.Ok;
    }

    private static void WritePlan(WatchdogConfig config, TextWriter output)
    {
        var store = new StateStore(new RootLayout(config.Root));
        var states = new Dictionary<string, ProgramState>(StringComparer.Ordinal);
        var unreadable = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = store.Names().Union(config.Restarter.Programs.Select(p => p.Name), StringComparer.Ordinal);
        foreach (var name in names)
        {
            try
            {
                if (store.Read(name) is { } state)
                {
                    states[name] = state;
                }
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                unreadable[name] = e is UnauthorizedAccessException ? "permission denied" : e.Message;
            }
        }

        output.WriteLine($"a reload would (from {store.PathFor("*")}):");
        foreach (var line in ReloadPlan.Lines(config.Restarter.Programs, states, unreadable))
        {
            output.WriteLine("  " + line);
        }
    }
}
