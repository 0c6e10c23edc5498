using System.CommandLine;
using Watchdog.Cli.Reading;
using Watchdog.Common;
using Watchdog.Common.Cli;
using Watchdog.Common.Config;
using Watchdog.Common.Protocol;

namespace Watchdog.Cli.Options;

// `--config FILE` or `--root DIR`, which every operator verb takes, and how they become an OperatorRoot.
internal sealed class RootOptions
{
    public Option<string?> Config { get; } = CommonOptions.Config();

    public Option<string?> Root { get; } = new("--root", "-r")
    {
        Description = "Read this root directory directly instead of the config's root (default_timeout is then 30s)",
        HelpName = "DIR",
    };

    public static RootOptions AddTo(Command command)
    {
        var options = new RootOptions();
        command.Options.Add(options.Config);
        command.Options.Add(options.Root);
        command.Validators.Add(result =>
        {
            if (result.GetResult(options.Config) is not null && result.GetResult(options.Root) is not null)
            {
                result.AddError("Use --config or --root, not both.");
            }
        });
        return options;
    }

    // The root to work on, or null with the reason written to error and the exit code to return.
    public OperatorRoot? Resolve(ParseResult parse, TextWriter error, out int exitCode)
    {
        exitCode = ExitCodes.Ok;
        if (parse.GetValue(Root) is { Length: > 0 } root)
        {
            return new OperatorRoot(new RootLayout(Path.GetFullPath(root)), OperatorRoot.FallbackTimeout, null);
        }

        if (ConfigArgument.TryLoad(ConfigLoader.ResolvePath(parse.GetValue(Config)), ConfigChecks.None, error, out var config))
        {
            return new OperatorRoot(new RootLayout(config.Root), config.Watchdog.DefaultTimeout, config);
        }

        error.WriteLine("To read a root directory without a config, pass --root DIR.");
        exitCode = ExitCodes.Config;
        return null;
    }

    // Resolve, then make sure the root can be read: a verb that only reads stops here with the reason, exit 1.
    public OperatorRoot? ResolveReadable(ParseResult parse, TextWriter error, out int exitCode)
    {
        if (Resolve(parse, error, out exitCode) is not { } root)
        {
            return null;
        }

        if (RootAccess.WhyUnusable(root.Root) is { } refusal)
        {
            error.WriteLine(refusal);
            exitCode = ExitCodes.Unhealthy;
            return null;
        }

        return root;
    }
}
