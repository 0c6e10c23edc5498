using System.Globalization;
using System.Text.RegularExpressions;

namespace Deploy.Tests;

// systemd-analyze on the staged units. Its default mode exits 0 on unknown keys and bad values, so every call uses
// --recursive-errors=no (measured: exit 1 on either) and --root, which finds ExecStart= in the staging.
public sealed partial class UnitVerifyTests
{
    private static readonly string[] Units = ["watchdog.service", "watchdog-restarter.service"];

    [Fact]
    public async Task Staged_units_pass_systemd_analyze_verify_without_a_word()
    {
        using var staging = new Staging();
        Assert.Equal(0, (await staging.InstallAsync()).ExitCode);

        var result = await VerifyAsync(staging, Units);

        Assert.True(result.ExitCode == 0 && result.Output.Length == 0 && result.Error.Length == 0, result.Describe());
    }

    [Theory]
    [InlineData("watchdog.service", "NoNewPrivileges=yes", "NoNewPrivilege=yes", "Unknown key 'NoNewPrivilege'")]
    [InlineData("watchdog.service", "WatchdogSec=30s", "WatchdogSec=thirty", "Failed to parse sec value")]
    [InlineData("watchdog.service", "ProtectSystem=strict", "ProtectSystem=stricter", "stricter")]
    [InlineData("watchdog-restarter.service", "KillMode=process", "KillMode=proces", "proces")]
    [InlineData("watchdog-restarter.service", "ExecStart=/usr/local/bin/restarter run", "ExecStart=/usr/local/bin/restarterd run", "restarterd")]
    public async Task A_typo_in_a_unit_fails_verify(string unit, string line, string typo, string expected)
    {
        using var staging = new Staging();
        Assert.Equal(0, (await staging.InstallAsync()).ExitCode);
        var path = Path.Combine(staging.UnitDirectory, unit);
        var text = await File.ReadAllTextAsync(path);
        Assert.Contains(line + "\n", text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, text.Replace(line + "\n", typo + "\n", StringComparison.Ordinal));

        var result = await VerifyAsync(staging, [unit]);

        Assert.True(result.ExitCode != 0, result.Describe());
        Assert.Contains(expected, result.Output + result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("watchdog.service", 1.0)]
    [InlineData("watchdog-restarter.service", 4.5)]
    public async Task Unit_keeps_its_sandbox(string unit, double maxExposure)
    {
        using var staging = new Staging();
        Assert.Equal(0, (await staging.InstallAsync()).ExitCode);

        var result = await Shell.RunAsync("systemd-analyze", "security", "--offline=yes", $"--root={staging.Root}", "--no-pager", unit);

        var match = ExposureLine().Match(result.Output);
        Assert.True(match.Success, result.Describe());
        var exposure = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(exposure <= maxExposure, $"{unit}: exposure {exposure} > {maxExposure}\n{result.Output}");
    }

    // ExecReload= names /bin/kill, which the host has and install.sh does not stage: verify checks it in --root.
    private static Task<ShellResult> VerifyAsync(Staging staging, IEnumerable<string> units)
    {
        var kill = staging.Combine("bin", "kill");
        Directory.CreateDirectory(Path.GetDirectoryName(kill)!);
        File.Copy("/bin/kill", kill, overwrite: true);
        return Shell.RunAsync("systemd-analyze", ["verify", "--recursive-errors=no", $"--root={staging.Root}", .. units.Select(unit => Path.Combine(staging.UnitDirectory, unit))]);
    }

    [GeneratedRegex(@"Overall exposure level for \S+: (\d+\.\d+)")]
    private static partial Regex ExposureLine();
}
