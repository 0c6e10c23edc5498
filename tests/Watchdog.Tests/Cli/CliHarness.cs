using System.CommandLine;
using Microsoft.Extensions.Time.Testing;
using Watchdog.Cli;
using Watchdog.Cli.Verbs;
using Watchdog.Common.Cli;

namespace Watchdog.Tests.Cli;

// Runs the operator verbs in-process as `watchdog` would, with a fake clock, chosen environment variables and
// captured output.
internal sealed class CliHarness
{
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 20, 0, TimeSpan.Zero);

    public CliHarness(TimeProvider? time = null)
    {
        Time = time ?? new FakeTimeProvider(Start);
    }

    public TimeProvider Time { get; }

    public FakeTimeProvider FakeTime => (FakeTimeProvider)Time;

    public Dictionary<string, string> Variables { get; } = [];

    public bool Terminal { get; set; }

    public DateTimeOffset Now => Time.GetUtcNow();

    public CliResult Run(params string[] args)
    {
        var environment = new CliEnvironment(Time, name => Variables.GetValueOrDefault(name), _ => Terminal);
        var root = new RootCommand("test")
        {
            StatusCommand.Create(environment),
            ProblemsCommand.Create(environment),
            HistoryCommand.Create(environment),
            MarkCommand.Create(environment),
            StopCommand.Create(environment),
            StartCommand.Create(environment),
            ResetCommand.Create(environment),
            BeatCommand.Create(),
            CheckCommand.Create(environment),
            MetricsCommand.Create(environment),
        };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CommandLineRunner.Run(root, args, output, error);
        return new CliResult(code, output.ToString(), error.ToString());
    }
}
