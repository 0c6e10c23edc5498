using Watchdog.Common.Config;
using Watchdog.Restarter.Processes;
using Watchdog.Restarter.Supervision;

namespace Restarter.Tests.Processes;

// A program with `user`, `umask`, `limits` and `environment_file`, launched for real through watchdog-launch (issue
// 10, "Identity, limits, cgroup"): what the kernel shows of it in /proc, and what it may do to the hearts.
[Collection("processes")]
public sealed class IdentityLaunchTests : IDisposable
{
    private const uint Nobody = 65534;

    private readonly HostHarness harness = new();

    public IdentityLaunchTests() => harness.OpenToOtherUsers();

    public void Dispose() => harness.Dispose();

    private static ProgramIdentity NobodyIdentity => new("nobody", Nobody, Nobody, [Nobody], "/nonexistent", "/usr/sbin/nologin");

    private ProgramOptions FromConfig(string keys) => Assert.Single(ConfigLoader.Parse(
        "restarter:\n  programs:\n    - name: app\n      command: [/bin/sleep, '1000']\n" + string.Join('\n', keys.Split('\n').Select(k => "      " + k)) + "\n",
        harness.Temp.Combine("w.yaml")).Restarter.Programs);

    [Fact]
    public async Task A_program_with_user_nobody_runs_with_the_uid_gid_and_groups_of_nobody()
    {
        var (process, _) = harness.Launch(FromConfig($"user: nobody\ndirectory: {harness.Temp.Path}"));
        await HostHarness.ExecutedAsync(process.Pid);

        Assert.Equal("65534\t65534\t65534\t65534", HostHarness.Status(process.Pid, "Uid"));
        Assert.Equal("65534\t65534\t65534\t65534", HostHarness.Status(process.Pid, "Gid"));
        Assert.Equal("65534", HostHarness.Status(process.Pid, "Groups"));
        Assert.Equal(harness.Temp.Path, new DirectoryInfo($"/proc/{process.Pid}/cwd").LinkTarget);
        var environ = HostHarness.Environ(process.Pid).Split('\0');
        Assert.Contains("HOME=/nonexistent", environ);
        Assert.Contains("USER=nobody", environ);
        Assert.Contains("LOGNAME=nobody", environ);
        Assert.Contains("SHELL=/usr/sbin/nologin", environ);
    }

    [Fact]
    public async Task Limits_and_umask_are_the_programs_own()
    {
        var (process, _) = harness.Launch(FromConfig("umask: \"0027\"\nlimits: { nofile: 1234, nproc: 500, core: 0 }"));
        await HostHarness.ExecutedAsync(process.Pid);

        var limits = File.ReadAllLines($"/proc/{process.Pid}/limits");
        Assert.Matches(@"^Max open files\s+1234\s+1234\s+files", limits.Single(l => l.StartsWith("Max open files", StringComparison.Ordinal)));
        Assert.Matches(@"^Max processes\s+500\s+500\s+processes", limits.Single(l => l.StartsWith("Max processes", StringComparison.Ordinal)));
        Assert.Matches(@"^Max core file size\s+0\s+0\s+bytes", limits.Single(l => l.StartsWith("Max core file size", StringComparison.Ordinal)));
        Assert.Equal("0027", HostHarness.Status(process.Pid, "Umask"));
        Assert.Equal("0\t0\t0\t0", HostHarness.Status(process.Pid, "Uid"));
    }

    [Fact]
    public async Task Environment_file_entries_reach_the_program_and_the_config_may_set_home()
    {
        var file = harness.Temp.Combine("app.env");
        await File.WriteAllTextAsync(file, "# from the file\nGREETING='hello there'\nHOME=/srv/app\n");

        var (process, _) = harness.Launch(FromConfig($"user: nobody\nenvironment: {{ GREETING: overridden, KEPT: yes }}\nenvironment_file: {file}"));
        await HostHarness.ExecutedAsync(process.Pid);

        var environ = HostHarness.Environ(process.Pid).Split('\0');
        Assert.Contains("GREETING=hello there", environ);
        Assert.Contains("KEPT=yes", environ);
        Assert.Contains("HOME=/srv/app", environ);
        Assert.Contains("USER=nobody", environ);
    }

    [Fact]
    public async Task A_program_beats_its_own_heart_and_cannot_touch_another_programs()
    {
        var hearts = new HeartWriter(harness.Layout, TimeProvider.System);
        var mark = DateTimeOffset.UtcNow.AddHours(1);
        var script = """
            touch "$WATCHDOG_HEARTS/own"; echo "own=$?"
            echo 7 > "$WATCHDOG_HEARTS/own"; echo "retime=$?"
            touch "$WATCHDOG_HEARTS/other" 2>/dev/null; echo "other=$?"
            touch "$WATCHDOG_HEARTS/new" 2>/dev/null; echo "new=$?"
            exec sleep 1000
            """;
        var own = HostHarness.Program("own", ["/bin/sh", "-c", script], environment: [new("WATCHDOG_HEARTS", harness.Layout.Hearts)]) with { Identity = NobodyIdentity };
        var other = HostHarness.Program("other", ["/bin/true"]) with { Identity = NobodyIdentity with { Uid = 4000123, Gid = 4000123, Groups = [4000123u] } };
        hearts.Reset(own, mark);
        hearts.Reset(other, mark);

        harness.Launch(own);

        Assert.Equal("own=0", await harness.LineAsync("own", l => l.StartsWith("own=", StringComparison.Ordinal)));
        Assert.Equal("retime=0", await harness.LineAsync("own", l => l.StartsWith("retime=", StringComparison.Ordinal)));
        Assert.Equal("other=1", await harness.LineAsync("own", l => l.StartsWith("other=", StringComparison.Ordinal)));
        Assert.Equal("new=1", await harness.LineAsync("own", l => l.StartsWith("new=", StringComparison.Ordinal)));
        Assert.True(File.GetLastWriteTimeUtc(harness.Layout.Heart("own")) < mark.UtcDateTime.AddMinutes(-30), "the program's beat did not move its heart's mtime");
        Assert.Equal("7\n", await File.ReadAllTextAsync(harness.Layout.Heart("own")));
        Assert.Equal(mark.UtcDateTime, File.GetLastWriteTimeUtc(harness.Layout.Heart("other")));
        Assert.False(File.Exists(harness.Layout.Heart("new")));
    }

    [Fact]
    public void A_directory_the_user_cannot_enter_is_a_launch_exception_that_says_so()
    {
        var locked = harness.Temp.Combine("locked");
        Directory.CreateDirectory(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var program = HostHarness.Program("locked", ["/bin/sleep", "1000"], directory: locked) with { Identity = NobodyIdentity };

        var error = Assert.Throws<LaunchException>(() => harness.Launch(program));

        Assert.Equal(
            $"program 'locked', as user 'nobody' (uid 65534), cannot enter its directory '{locked}': Permission denied; "
            + "give that user search permission on every directory of the path, or change `directory`",
            error.Message);
    }

    [Fact]
    public void A_command_the_user_may_not_execute_is_a_launch_exception_naming_the_user()
    {
        var script = harness.Temp.Combine("private.sh");
        File.WriteAllText(script, "#!/bin/sh\nexec sleep 1000\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var program = HostHarness.Program("private", [script]) with { Identity = NobodyIdentity };

        var error = Assert.Throws<LaunchException>(() => harness.Launch(program));

        Assert.StartsWith($"could not start program 'private' ({script}) as user 'nobody' (uid 65534): Permission denied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_launcher_fails_the_launch_with_where_it_should_be()
    {
        harness.RestartHost(launcher: harness.Temp.Combine("watchdog-launch"));
        var program = HostHarness.Program("needs", ["/bin/sleep", "1000"]) with { Umask = 0x17 };

        var error = Assert.Throws<LaunchException>(() => harness.Launch(program));

        Assert.Contains($"{harness.Temp.Combine("watchdog-launch")} is missing", error.Message, StringComparison.Ordinal);
    }
}
