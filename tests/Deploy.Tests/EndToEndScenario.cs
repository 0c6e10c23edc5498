using System.Diagnostics;
using System.Globalization;

namespace Deploy.Tests;

// The steps of the end-to-end test, each starting from the state the previous one left.
internal sealed partial class EndToEndScenario(SystemdNamespace systemd, string work)
{
    private const string Install = "/run/e2e/repo/deploy/systemd/install.sh";
    private const string Uninstall = "/run/e2e/repo/deploy/systemd/uninstall.sh";

    public async Task Install_enables_and_starts_both_daemons()
    {
        var install = await systemd.RunAsync(Install, "--prebuilt", "/run/e2e/bin");

        Assert.True(install.ExitCode == 0, install.Describe());
        Assert.Contains("keeping the existing /etc/watchdog/watchdog.yaml", install.Error, StringComparison.Ordinal);
        foreach (var binary in (string[])["watchdog", "restarter"])
        {
            await SucceedAsync(systemd.RunAsync($"/usr/local/bin/{binary}", "validate"));
        }

        foreach (var unit in EndToEndFixture.Daemons)
        {
            await UntilPropertyAsync(unit, "ActiveState", "active");
            Assert.Equal("enabled", await systemd.PropertyAsync(unit, "UnitFileState"));
        }

        await Poll.UntilAsync(() => Launches("alpha").Count == 1 && Launches("beta").Count == 1, "alpha and beta launched once");
        Assert.All(Launches("alpha").Concat(Launches("beta")).SelectMany(launch => launch), pid => Assert.True(systemd.IsAlive(pid), $"pid {pid} is not running"));
    }

    public async Task A_program_that_hangs_is_restarted_with_its_whole_tree()
    {
        var hung = Launches("alpha")[^1];
        await File.WriteAllTextAsync(Path.Combine(work, "hang", "alpha"), hung[0].ToString(CultureInfo.InvariantCulture));

        await Poll.UntilAsync(() => Launches("alpha").Count == 2, "alpha relaunched after it stopped beating");
        await Poll.UntilAsync(() => hung.All(pid => !systemd.IsAlive(pid)), $"the hung tree {string.Join(' ', hung)} gone");
        await Poll.UntilAsync(() => Directory.EnumerateFiles(systemd.HostPath("/var/lib/watchdog/history"), "*-alpha").Any(), "alpha's problem solved into history");
        Assert.Single(Launches("beta"));
    }

    public async Task A_stopped_watchdog_is_killed_and_restarted_by_systemd()
    {
        var pid = await systemd.PropertyAsync("watchdog.service", "MainPID");
        await SucceedAsync(systemd.SystemctlAsync("kill", "--kill-who=main", "--signal=SIGSTOP", "watchdog.service"));

        await UntilPropertyAsync("watchdog.service", "NRestarts", "1");
        await UntilPropertyAsync("watchdog.service", "ActiveState", "active");
        Assert.NotEqual(pid, await systemd.PropertyAsync("watchdog.service", "MainPID"));
        Assert.Contains("watchdog.service: Watchdog timeout", SystemdLog(), StringComparison.Ordinal);
    }

    public async Task A_killed_restarter_is_restarted_and_adopts_the_programs()
    {
        var alpha = Launches("alpha");
        var beta = Launches("beta");
        var pid = await systemd.PropertyAsync("watchdog-restarter.service", "MainPID");

        await SucceedAsync(systemd.SystemctlAsync("kill", "--kill-who=main", "--signal=SIGKILL", "watchdog-restarter.service"));

        await UntilPropertyAsync("watchdog-restarter.service", "NRestarts", "1");
        await UntilPropertyAsync("watchdog-restarter.service", "ActiveState", "active");
        Assert.NotEqual(pid, await systemd.PropertyAsync("watchdog-restarter.service", "MainPID"));
        Assert.Equal(alpha, Launches("alpha"));
        Assert.Equal(beta, Launches("beta"));
        Assert.All(alpha[^1].Concat(beta[^1]), program => Assert.True(systemd.IsAlive(program), $"pid {program} did not survive the restarter's crash"));

        // Adopted, not merely left alone: the new restarter kills beta's tree, which it did not start, by its tag.
        var hung = beta[^1];
        await File.WriteAllTextAsync(Path.Combine(work, "hang", "beta"), hung[0].ToString(CultureInfo.InvariantCulture));
        await Poll.UntilAsync(() => Launches("beta").Count == beta.Count + 1, "the adopted beta relaunched after it stopped beating");
        await Poll.UntilAsync(() => hung.All(pid => !systemd.IsAlive(pid)), $"the adopted tree {string.Join(' ', hung)} gone");
        Assert.Equal(alpha, Launches("alpha"));
    }

    public async Task Upgrade_restarts_both_daemons_on_the_new_binaries_and_the_programs_survive()
    {
        var alpha = Launches("alpha");
        var beta = Launches("beta");
        var pids = new Dictionary<string, string>();
        foreach (var unit in EndToEndFixture.Daemons)
        {
            pids[unit] = await systemd.PropertyAsync(unit, "MainPID");
        }

        EndToEndFixture.PrepareUpgrade(work);
        var upgrade = await systemd.RunAsync(Install, "--prebuilt", "/run/e2e/bin2");

        Assert.True(upgrade.ExitCode == 0, upgrade.Describe());
        Assert.Contains("installed /usr/local/lib/watchdog/restarter", upgrade.Error, StringComparison.Ordinal);
        foreach (var unit in EndToEndFixture.Daemons)
        {
            await UntilPropertyAsync(unit, "MainPID", pid => pid != pids[unit] && pid != "0", $"a main pid other than {pids[unit]}");
            await UntilPropertyAsync(unit, "ActiveState", "active");
        }

        Assert.Equal(alpha, Launches("alpha"));
        Assert.Equal(beta, Launches("beta"));
        Assert.All(alpha[^1].Concat(beta[^1]), program => Assert.True(systemd.IsAlive(program), $"pid {program} did not survive the upgrade"));
    }

    public async Task Stopping_the_restarter_stops_every_program_tree()
    {
        var programs = Launches("alpha")[^1].Concat(Launches("beta")[^1]).ToList();
        Assert.NotEmpty(systemd.ProcessesWith("WATCHDOG_TAG"));

        await SucceedAsync(systemd.SystemctlAsync("stop", "watchdog-restarter.service"));

        await Poll.UntilAsync(() => programs.All(pid => !systemd.IsAlive(pid)), $"the program trees {string.Join(' ', programs)} gone");
        Assert.Empty(systemd.ProcessesWith("WATCHDOG_TAG"));
        var state = await systemd.PropertyAsync("watchdog-restarter.service", "ActiveState");
        Assert.True(state == "inactive", $"the restarter's orderly stop left it '{state}' (exit status {await systemd.PropertyAsync("watchdog-restarter.service", "ExecMainStatus")}), not 'inactive'");
    }

    // ProtectSystem=strict, PrivateNetwork, PrivateUsers and an empty capability set still let the watchdog reach
    // PID 1 over /run/systemd/private: a problem nobody solves brings the stopped restarter back.
    public async Task The_sandboxed_watchdog_escalates_through_systemctl()
    {
        var launches = Launches("alpha").Count;
        var problem = systemd.HostPath("/var/lib/watchdog/problems/alpha");
        await File.WriteAllTextAsync(problem, $"{DateTime.UtcNow:yyyy-MM-dd'T'HH:mm:ss.fff'Z'} e2e: nobody solves this while the restarter is stopped\n");

        await UntilPropertyAsync("watchdog-restarter.service", "ActiveState", "active");
        await Poll.UntilAsync(() => Launches("alpha").Count == launches + 1, "alpha launched again by the restarter the watchdog brought back");

        // Started on request (the watchdog's systemctl), not by Restart=always: a requested start resets the count of
        // automatic restarts (1 so far, from the SIGKILL), one by Restart= would have raised it.
        Assert.Equal("0", await systemd.PropertyAsync("watchdog-restarter.service", "NRestarts"));
    }

    // Under systemd (NOTIFY_SOCKET set) every line carries a syslog priority for the journal, e.g. "<6>".
    public void Daemons_log_one_line_per_event_with_a_journald_priority()
    {
        foreach (var unit in EndToEndFixture.Daemons)
        {
            var lines = File.ReadAllLines(Path.Combine(work, "logs", unit + ".log"));
            Assert.NotEmpty(lines);
            Assert.All(lines, line => Assert.Matches("^<[0-7]>", line));
        }
    }

    public async Task Uninstall_stops_everything_and_keeps_config_and_history()
    {
        var uninstall = await systemd.RunAsync(Uninstall);

        Assert.True(uninstall.ExitCode == 0, uninstall.Describe());
        foreach (var unit in EndToEndFixture.Daemons)
        {
            Assert.Equal("inactive", await systemd.PropertyAsync(unit, "ActiveState"));
            Assert.False(File.Exists(systemd.HostPath($"/etc/systemd/system/{unit}")), $"{unit} is still installed");
        }

        Assert.Empty(systemd.ProcessesWith("WATCHDOG_TAG"));
        Assert.False(File.Exists(systemd.HostPath("/usr/local/bin/watchdog")), "the watchdog link is left");
        Assert.True(File.Exists(systemd.HostPath("/etc/watchdog/watchdog.yaml")), "the config was removed");
        Assert.NotEmpty(Directory.EnumerateFiles(systemd.HostPath("/var/lib/watchdog/history")));
    }

    private Task UntilPropertyAsync(string unit, string property, string value) =>
        UntilPropertyAsync(unit, property, actual => actual == value, $"'{value}'");

    private async Task UntilPropertyAsync(string unit, string property, Func<string, bool> accept, string what)
    {
        var last = "";
        var clock = Stopwatch.StartNew();
        while (!accept(last = await systemd.PropertyAsync(unit, property)))
        {
            if (clock.Elapsed > Poll.DefaultDeadline)
            {
                throw new TimeoutException($"{unit} {property} is still '{last}', not {what}, after {Poll.DefaultDeadline.TotalSeconds:0}s");
            }

            await Task.Delay(100);
        }
    }

    private static async Task SucceedAsync(Task<ShellResult> command)
    {
        var result = await command;
        Assert.True(result.ExitCode == 0, result.Describe());
    }

    // Each launch of a program as [pid, child, escapee], oldest first.
    private List<int[]> Launches(string name)
    {
        var path = Path.Combine(work, "launches", name);
        return File.Exists(path)
            ? File.ReadAllLines(path).Where(line => line.Length > 0).Select(line => line.Split(' ').Select(field => int.Parse(field, CultureInfo.InvariantCulture)).ToArray()).ToList()
            : [];
    }

    private string SystemdLog() => File.ReadAllText(Path.Combine(work, "systemd.log"));

    public string Diagnostics()
    {
        var parts = new List<string> { "--- systemd ---\n" + SystemdLog() };
        foreach (var unit in EndToEndFixture.Daemons)
        {
            var log = Path.Combine(work, "logs", unit + ".log");
            parts.Add($"--- {unit} ---\n" + (File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(60)) : "(no log)"));
        }

        return string.Join('\n', parts);
    }
}
