using Watchdog.Common.Config;

namespace Watchdog.Tests.Config;

// `environment_file` (issue 10): systemd's EnvironmentFile= lines, their errors with the file's line and column.
public sealed class ConfigEnvironmentFileTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    // environment_file's value is at line 6, column 25.
    private static string Config(string path) => $"""
        restarter:
          programs:
            - name: api
              command: [/bin/true]
              environment: {"{"} GREETING: hello, KEEP: kept {"}"}
              environment_file: {path}
        """;

    private string WriteFile(string text)
    {
        var path = dir.Combine("api.env");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Entries_are_read_like_systemd_and_override_the_environment_key()
    {
        var path = WriteFile("# a comment\n; another\n\n  GREETING = hi there  \nQUOTED='a \"b\" $c'\nESCAPED=\"x \\\" \\\\ \\$y\"\nEMPTY=\nURL=http://h/?a=b\r\n");

        var program = Assert.Single(ConfigLoader.Parse(Config(path), dir.Combine("w.yaml")).Restarter.Programs);

        Assert.Equal(path, program.EnvironmentFile);
        Assert.Equal(
            ["KEEP=kept", "GREETING=hi there", "QUOTED=a \"b\" $c", "ESCAPED=x \" \\ $y", "EMPTY=", "URL=http://h/?a=b"],
            program.Environment.Select(e => $"{e.Key}={e.Value}"));
    }

    [Fact]
    public void Bad_lines_are_errors_at_their_line_and_column_naming_the_config_key()
    {
        var path = WriteFile("OK=1\nno equals here\nexport X=1\n  WATCHDOG_HEART=x\nQ=\"open\nT='a'b\n");
        var config = dir.Combine("w.yaml");

        var errors = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(Config(path), config)).Errors.Select(e => e.ToString()).ToList();

        var place = $"(environment_file of program 'api', {config}:6:25)";
        Assert.Equal(
            [
                $"{path}:2:1: this line has no '='; write KEY=VALUE, or start it with # to make it a comment {place}",
                $"{path}:3:1: 'export X' is not an environment variable name ([A-Za-z_][A-Za-z0-9_]*) {place}",
                $"{path}:4:3: 'WATCHDOG_HEART' is set by the watchdog protocol for every launch; it cannot be overridden {place}",
                $"{path}:5:3: the value's \" is never closed on this line; close it (values cannot continue on the next line) {place}",
                $"{path}:6:3: text after the closing '; quote the whole value {place}",
            ],
            errors);
    }

    [Fact]
    public void A_missing_file_is_an_error_unless_its_path_starts_with_a_dash()
    {
        var missing = dir.Combine("missing.env");

        var error = Assert.Single(Assert.Throws<ConfigException>(() => ConfigLoader.Parse(Config(missing), dir.Combine("w.yaml"))).Errors);
        var program = Assert.Single(ConfigLoader.Parse(Config("-" + missing), dir.Combine("w.yaml")).Restarter.Programs);

        Assert.Equal((6, 25), (error.Line, error.Column));
        Assert.Contains($"'{missing}' cannot be read", error.Message, StringComparison.Ordinal);
        Assert.Equal(["GREETING", "KEEP"], program.Environment.Select(e => e.Key));
    }

    [Fact]
    public void A_directory_or_a_relative_path_is_an_error()
    {
        var directory = Assert.Single(Assert.Throws<ConfigException>(() => ConfigLoader.Parse(Config(dir.Path), dir.Combine("w.yaml"))).Errors);
        var relative = Assert.Single(Assert.Throws<ConfigException>(() => ConfigLoader.Parse(Config("api.env"), dir.Combine("w.yaml"))).Errors);

        Assert.Contains("it is a directory, not a regular file", directory.Message, StringComparison.Ordinal);
        Assert.Contains("must be an absolute path", relative.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_daemons_checks_the_file_is_named_but_not_read()
    {
        var program = Assert.Single(ConfigLoader.Parse(Config(dir.Combine("missing.env")), dir.Combine("w.yaml"), ConfigChecks.None).Restarter.Programs);

        Assert.Equal(dir.Combine("missing.env"), program.EnvironmentFile);
        Assert.Equal(["GREETING", "KEEP"], program.Environment.Select(e => e.Key));
    }
}
