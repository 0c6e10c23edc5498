using System.CommandLine;
using System.Globalization;
using Watchdog.Cli.Options;
using Watchdog.Cli.Reading;
using Watchdog.Common.Protocol;

namespace Watchdog.Cli.Verbs;

// `watchdog history [--json] [--since 1h] [--name X] [--limit N]`: solved problems, newest first.
internal static class HistoryCommand
{
    public const int DefaultLimit = 20;

    public static Command Create(CliEnvironment? environment = null)
    {
        var env = environment ?? CliEnvironment.System;
        var command = new Command("history", "List solved problems, newest first, with how each was solved, time to detect and time to solve");
        var report = ReportOptions.AddTo(command);
        var since = new Option<string?>("--since")
        {
            Description = "Only problems first noticed within this long (1h, 30m, 7d) or since this ISO-8601 time",
            HelpName = "WHEN",
        };
        since.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && !TryParseSince(text, DateTimeOffset.UnixEpoch, out _))
            {
                result.AddError($"--since '{text}' is neither a duration (1h, 30m, 7d) nor an ISO-8601 time.");
            }
        });
        var name = new Option<string?>("--name") { Description = "Only problems with this name", HelpName = "NAME" };
        name.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && !Names.IsValid(value))
            {
                result.AddError($"--name '{value}' is not a valid name: {Names.Rule}.");
            }
        });
        var limit = new Option<int>("--limit")
        {
            Description = "Show at most this many (0 shows all)",
            DefaultValueFactory = _ => DefaultLimit,
            HelpName = "N",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    return n;
                }

                result.AddError($"--limit '{text}' is not a count: 0 (all) or more.");
                return DefaultLimit;
            },
        };
        command.Options.Add(since);
        command.Options.Add(name);
        command.Options.Add(limit);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (report.Roots.ResolveReadable(parse, error, out var exitCode) is not { } root)
            {
                return exitCode;
            }

            var now = env.Time.GetUtcNow();
            DateTimeOffset? from = parse.GetValue(since) is { } text && TryParseSince(text, now, out var at) ? at : null;
            var errors = new List<string>();
            var solved = ProblemReader.History(root.Layout, from, parse.GetValue(name), parse.GetValue(limit), errors);
            var none = "no solved problems" + (parse.GetValue(name) is { } n ? $" named '{n}'" : "") + (from is { } f ? $" since {ProblemLine.Timestamp(f)}" : "");
            ProblemList.Write(root, now, solved, errors, report.Json(parse), report.Style(parse, output, env), none, output);
            return ProblemList.Report(errors, error);
        });
        return command;
    }

    public static bool TryParseSince(string text, DateTimeOffset now, out DateTimeOffset since)
    {
        if (Duration.TryParse(text, out var ago) && ago >= TimeSpan.Zero)
        {
            since = ago < now - DateTimeOffset.MinValue ? now - ago : DateTimeOffset.MinValue;
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out since);
    }
}
