using System.CommandLine;
using Watchdog.Common.Protocol;

namespace Watchdog.Cli.Options;

// Arguments and options several operator verbs share.
internal static class VerbOptions
{
    public static Option<bool> Json() => new("--json")
    {
        Description = "Print JSON (the stable schema in docs/cli.md) instead of text",
    };

    public static Argument<string> Name(string description)
    {
        var name = new Argument<string>("NAME") { Description = description };
        name.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!Names.IsValid(value))
            {
                result.AddError($"'{value}' is not a valid name: {Names.Rule}.");
            }
        });
        return name;
    }

    // A duration option (`30s`, `2.5`, `10m`); accept says which values make sense.
    public static Option<TimeSpan?> Duration(string name, string description, Func<TimeSpan, bool> accept, string rule)
    {
        return new Option<TimeSpan?>(name)
        {
            Description = description,
            HelpName = "DURATION",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (Common.Protocol.Duration.TryParse(text, out var value) && accept(value))
                {
                    return value;
                }

                result.AddError($"{name} '{text}' is not {rule} (e.g. 30, 2.5, 30s, 10m).");
                return null;
            },
        };
    }
}
