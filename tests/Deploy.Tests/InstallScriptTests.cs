namespace Deploy.Tests;

public sealed class InstallScriptTests
{
    [Fact]
    public async Task Install_stages_binaries_links_units_tmpfiles_docs_and_the_example_config()
    {
        using var staging = new Staging();

        var result = await staging.InstallAsync();

        Assert.True(result.ExitCode == 0, result.Describe());
        foreach (var binary in (string[])["watchdog", "restarter"])
        {
            var installed = staging.Combine("usr", "local", "lib", "watchdog", binary);
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(staging.Binaries, binary)), await File.ReadAllTextAsync(installed));
            Assert.True(File.GetUnixFileMode(installed).HasFlag(UnixFileMode.OtherExecute), $"{installed} is not executable");
            var link = new FileInfo(staging.Combine("usr", "local", "bin", binary));
            Assert.Equal($"../lib/watchdog/{binary}", link.LinkTarget);
            Assert.Equal(installed, link.ResolveLinkTarget(returnFinalTarget: true)?.FullName);
        }

        var launcher = staging.Combine("usr", "local", "lib", "watchdog", "watchdog-launch");
        Assert.Equal("#!/bin/sh\necho 'watchdog-launch 1'\n", await File.ReadAllTextAsync(launcher));
        Assert.True(File.GetUnixFileMode(launcher).HasFlag(UnixFileMode.OtherExecute), $"{launcher} is not executable");
        AssertSameFile(Path.Combine(Repository.Deploy, "watchdog.service"), Path.Combine(staging.UnitDirectory, "watchdog.service"));
        AssertSameFile(Path.Combine(Repository.Deploy, "watchdog-restarter.service"), Path.Combine(staging.UnitDirectory, "watchdog-restarter.service"));
        AssertSameFile(Path.Combine(Repository.Deploy, "watchdog.tmpfiles.conf"), staging.Combine("etc", "tmpfiles.d", "watchdog.conf"));
        AssertSameFile(Path.Combine(Repository.Deploy, "watchdog.yaml"), staging.Config);
        AssertSameFile(Path.Combine(Repository.Root, "docs", "operations.md"), staging.Combine("usr", "local", "share", "doc", "watchdog", "operations.md"));
    }

    [Fact]
    public async Task Install_never_overwrites_an_operators_config()
    {
        using var staging = new Staging();
        Directory.CreateDirectory(Path.GetDirectoryName(staging.Config)!);
        await File.WriteAllTextAsync(staging.Config, "root: /srv/mine\n");

        var result = await staging.InstallAsync();

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Equal("root: /srv/mine\n", await File.ReadAllTextAsync(staging.Config));
        Assert.Contains("keeping the existing", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Second_install_with_the_same_binaries_changes_nothing()
    {
        using var staging = new Staging();
        var first = await staging.InstallAsync();
        Assert.True(first.ExitCode == 0, first.Describe());
        var before = await SnapshotAsync(staging.Root);

        var second = await staging.InstallAsync();

        Assert.True(second.ExitCode == 0, second.Describe());
        Assert.DoesNotContain("installed ", second.Error, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(staging.Root));
    }

    [Fact]
    public async Task Upgrade_replaces_a_changed_binary_by_rename_and_leaves_the_others()
    {
        using var staging = new Staging();
        Assert.Equal(0, (await staging.InstallAsync()).ExitCode);
        var restarter = staging.Combine("usr", "local", "lib", "watchdog", "restarter");
        var watchdog = staging.Combine("usr", "local", "lib", "watchdog", "watchdog");
        var (restarterInode, watchdogInode) = (await InodeAsync(restarter), await InodeAsync(watchdog));
        staging.WriteBinary("restarter", "restarter 2");

        var result = await staging.InstallAsync();

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("restarter 2", await File.ReadAllTextAsync(restarter), StringComparison.Ordinal);
        Assert.NotEqual(restarterInode, await InodeAsync(restarter));
        Assert.Equal(watchdogInode, await InodeAsync(watchdog));
        Assert.Equal([$"installed {restarter}"], result.Error.Split('\n').Where(line => line.StartsWith("installed ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Uninstall_keeps_config_and_history_and_purge_removes_them()
    {
        using var staging = new Staging();
        Assert.Equal(0, (await staging.InstallAsync()).ExitCode);
        var history = staging.Combine("var", "lib", "watchdog", "history", "20261122T101503.412Z-api");
        Directory.CreateDirectory(Path.GetDirectoryName(history)!);
        await File.WriteAllTextAsync(history, "2026-11-22T10:15:03.412Z watchdog: heart 'api' silent for 31.0s (timeout 30s)\n");

        var kept = await staging.UninstallAsync();

        Assert.True(kept.ExitCode == 0, kept.Describe());
        Assert.True(File.Exists(staging.Config), "the config was removed without --purge");
        Assert.True(File.Exists(history), "the history was removed without --purge");
        Assert.Equal(["etc/watchdog/watchdog.yaml", "var/lib/watchdog/history/20261122T101503.412Z-api"], Files(staging.Root));

        var purged = await staging.UninstallAsync("--purge");

        Assert.True(purged.ExitCode == 0, purged.Describe());
        Assert.Empty(Files(staging.Root));
    }

    [Theory]
    [InlineData("restarter")]
    [InlineData("watchdog-launch")]
    public async Task Install_refuses_a_directory_without_the_binaries(string binary)
    {
        using var staging = new Staging();
        File.Delete(Path.Combine(staging.Binaries, binary));

        var result = await staging.InstallAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"/{binary} is missing", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(staging.Root), "install.sh wrote files before failing");
    }

    [Theory]
    [InlineData("install.sh")]
    [InlineData("uninstall.sh")]
    public async Task Unknown_argument_is_a_usage_error(string script)
    {
        var result = await Shell.RunAsync(Path.Combine(Repository.Deploy, script), "--destdri", "/tmp/x");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown argument '--destdri'", result.Error, StringComparison.Ordinal);
    }

    private static void AssertSameFile(string expected, string actual)
    {
        Assert.True(File.Exists(actual), $"{actual} was not installed");
        Assert.Equal(File.ReadAllText(expected), File.ReadAllText(actual));
    }

    private static async Task<string> InodeAsync(string path) => (await Shell.SucceedAsync("stat", "--format=%i", path)).Output.Trim();

    private static List<string> Files(string root) =>
        Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(root, path)).Order(StringComparer.Ordinal).ToList()
            : [];

    // Every entry below root with its inode, mode and modification time: a rewrite or a re-link changes a line.
    private static async Task<List<string>> SnapshotAsync(string root) =>
        (await Shell.SucceedAsync("find", root, "-printf", "%P %i %m %T@\\n")).Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Order(StringComparer.Ordinal)
            .ToList();
}
