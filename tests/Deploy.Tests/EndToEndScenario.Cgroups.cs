using System.Globalization;
using System.Text.RegularExpressions;

namespace Deploy.Tests;

// The cgroup steps: the shipped unit's Delegate=yes is detected, every program runs in its own cgroup below the
// restarter's, a tree kill ends with cgroup.kill (which reaches what the tag sweep cannot) and removes the cgroup.
// The host this runs on decides which controllers the delegated cgroup has: `status` names each limit it lacks.
internal sealed partial class EndToEndScenario
{
    private const string Service = "/system.slice/watchdog-restarter.service";

    public async Task Programs_run_in_their_own_cgroups_below_the_delegated_restarter()
    {
        Assert.Contains($"Delegated cgroup v2 subtree ", RestarterLog(), StringComparison.Ordinal);
        var restarter = await systemd.PropertyAsync("watchdog-restarter.service", "MainPID");
        Assert.Equal($"{Service}/supervisor", await CgroupOfAsync(int.Parse(restarter, CultureInfo.InvariantCulture)));
        foreach (var name in (string[])["alpha", "beta"])
        {
            foreach (var pid in Launches(name)[^1])
            {
                Assert.Equal($"{Service}/program.{name}", await CgroupOfAsync(pid));
            }
        }

        var status = await systemd.RunAsync("/usr/local/bin/watchdog", "status");
        var controllers = await ControllersAsync();
        var unapplied = status.Output.Split('\n').Select(line => line.Trim()).SingleOrDefault(line => line.StartsWith("alpha: limits not applied: ", StringComparison.Ordinal)) ?? "";
        foreach (var (limit, controller) in (ReadOnlySpan<(string, string)>)[("memory 64 MiB", "memory"), ("tasks 64", "pids")])
        {
            var missing = $"{limit} (no {controller} controller in the delegated cgroup)";
            Assert.True(controllers.Contains(controller) != unapplied.Contains(missing, StringComparison.Ordinal), $"controllers [{string.Join(' ', controllers)}], status:\n{status.Output}");
        }
    }

    // Run after the hang step: alpha's first launch was killed by its tag, then by its cgroup.
    public async Task The_tree_kill_ended_with_cgroup_kill_which_reached_the_hidden_process()
    {
        var first = Launches("alpha")[0];
        Assert.False(systemd.IsAlive(first[3]), $"the hidden process {first[3]} (no tag, own session) survived the tree kill");
        var history = File.ReadAllText(Directory.EnumerateFiles(systemd.HostPath("/var/lib/watchdog/history"), "*-alpha").Order().First());
        Assert.Matches(new Regex(@"cgroup\.kill: [1-9]\d* process(es)? left, gone; cgroup removed"), history);
        Assert.Equal($"{Service}/program.alpha", await CgroupOfAsync(Launches("alpha")[^1][0]));
    }

    // The kernel enforces the memory limit where the delegated cgroup has the memory controller (a pure cgroup v2
    // host): a launch that holds more is OOM-killed, relaunched, and history says OOM. Returns false, doing nothing,
    // where the controller is not there (the hybrid hierarchy's cgroup2 has none): status has said so already.
    public async Task<bool> A_program_past_its_memory_limit_is_oom_killed_and_relaunched()
    {
        if (!(await ControllersAsync()).Contains("memory"))
        {
            return false;
        }

        var launches = GammaLaunches();
        await File.WriteAllTextAsync(Path.Combine(work, "hog"), "");
        var mark = await systemd.RunAsync("/usr/local/bin/watchdog", "mark", "gamma", "--reason", "e2e: hog memory");
        Assert.True(mark.ExitCode == 0, mark.Describe());

        await Poll.UntilAsync(() => GammaLaunches() >= launches + 2, "gamma relaunched after its OOM kill");
        await Poll.UntilAsync(
            () => Directory.EnumerateFiles(systemd.HostPath("/var/lib/watchdog/history"), "*-gamma").Any(f => File.ReadAllText(f).Contains("OOM: memory.max 64 MiB reached", StringComparison.Ordinal)),
            "gamma's OOM kill in history");
        return true;
    }

    private int GammaLaunches()
    {
        var path = Path.Combine(work, "launches", "gamma");
        return File.Exists(path) ? File.ReadAllLines(path).Count(line => line.Length > 0) : 0;
    }

    // The cgroup v2 path of a process of the namespace, as the namespace sees it ("0::" line).
    private async Task<string> CgroupOfAsync(int pid)
    {
        var result = await systemd.RunAsync("cat", $"/proc/{pid}/cgroup");
        Assert.True(result.ExitCode == 0, result.Describe());
        return result.Output.Split('\n').Single(line => line.StartsWith("0::", StringComparison.Ordinal))[3..];
    }

    private async Task<HashSet<string>> ControllersAsync()
    {
        // The cgroup2 mount: /sys/fs/cgroup/unified on a hybrid host, /sys/fs/cgroup on a pure v2 one.
        var result = await systemd.RunAsync("sh", "-c", $"if [ -d /sys/fs/cgroup/unified ]; then d=/sys/fs/cgroup/unified; else d=/sys/fs/cgroup; fi; cat \"$d{Service}/cgroup.subtree_control\"");
        Assert.True(result.ExitCode == 0, result.Describe());
        return [.. result.Output.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries)];
    }

    private string RestarterLog() => File.ReadAllText(Path.Combine(work, "logs", "watchdog-restarter.service.log"));
}
