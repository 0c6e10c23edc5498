using System.CommandLine;
using Watchdog.Common;
using Watchdog.Common.Cli;
using Watchdog.Common.Config;
using Watchdog.Common.State;

namespace Watchdog.Tests.Cli;

// `validate --plan`: the difference a reload would apply, read from state/, with nothing changed.
public sealed class ValidatePlanTests : IDisposable
{
    private readonly TestRoot root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void Plan_names_every_program_added_removed_restarted_and_kept_and_changes_nothing()
    {
        var path = Config("""
                - name: api
                  command: [/bin/sleep, "1000"]
                - name: web
                  command: [/bin/sleep, "1001"]
                - name: db
                  command: [/bin/sleep, "1002"]
            """);
        var programs = ConfigLoader.Load(path).Restarter.Programs;
        Running("web", ConfigFingerprint.Of(programs[1] with { Command = ["/bin/sleep", "999"] }));
        Running("db", ConfigFingerprint.Of(programs[2]));
        Running("old", "whatever");
        var before = Snapshot();

        var (code, output) = Validate("--config", path, "--plan");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("  add api\n", output, StringComparison.Ordinal);
        Assert.Contains("  restart web: config changed: command\n", output, StringComparison.Ordinal);
        Assert.Contains("  keep db\n", output, StringComparison.Ordinal);
        Assert.Contains("  remove old\n", output, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void Plan_of_a_config_with_errors_exits_78_and_plans_nothing()
    {
        var path = Config("""
                - name: api
                  command: [/bin/sleep, "1000"]
                  bogus: 1
            """);

        var (code, output) = Validate("--config", path, "--plan");

        Assert.Equal(ExitCodes.Config, code);
        Assert.DoesNotContain("a reload would", output, StringComparison.Ordinal);
    }

    private string Config(string programs)
    {
        var path = root.Sibling("watchdog.yaml");
        File.WriteAllText(path, $"root: {root.Path}\nrestarter:\n  programs:\n{programs}\n");
        return path;
    }

    private void Running(string name, string fingerprint)
    {
        var (pid, start) = TestRoot.Self;
        root.States.Write(new ProgramState(name, ProgramPhase.Running, "tag", pid, start, DateTimeOffset.UnixEpoch, [], 0, null, null, null) { ConfigFingerprint = fingerprint });
    }

    private string Snapshot() => string.Join('\n', Directory.GetFiles(root.Path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(f => f + " " + File.ReadAllText(f)));

    private static (int Code, string Output) Validate(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CommandLineRunner.Run(new RootCommand("test") { ValidateCommand.Create() }, ["validate", .. args], output, error);
        return (code, output.ToString() + error);
    }
}
