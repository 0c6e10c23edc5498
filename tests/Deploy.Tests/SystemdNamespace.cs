using System.Diagnostics;
using System.Globalization;

namespace Deploy.Tests;

// A real systemd booted as PID 1 of private pid, mount, cgroup, uts, ipc and net namespaces (systemd-ns.sh), with
// the test's directory at /run/e2e inside. Disposing kills its PID 1, which takes every process of the namespace
// with it, and removes its cgroups.
internal sealed class SystemdNamespace : IAsyncDisposable
{
    private static readonly string[] Tools = ["unshare", "nsenter", "mount", "awk"];
    private static readonly string[] CgroupRoots = ["/sys/fs/cgroup", "/sys/fs/cgroup/unified", "/sys/fs/cgroup/systemd"];

    private readonly Process boot;
    private readonly string cgroupName;

    private SystemdNamespace(Process boot, string cgroupName, string work, int pid)
    {
        this.boot = boot;
        this.cgroupName = cgroupName;
        Work = work;
        Pid = pid;
    }

    public const string SystemdPath = "/lib/systemd/systemd";

    // The test's directory, /run/e2e inside the namespace.
    public string Work { get; }

    // The host pid of the namespace's systemd.
    public int Pid { get; }

    // Why the namespace cannot be booted here, or null when it can.
    public static string? UnavailableReason()
    {
        if (Environment.UserName != "root")
        {
            return "needs root: it unshares namespaces and boots systemd as their PID 1";
        }

        if (!File.Exists(SystemdPath))
        {
            return $"needs systemd ({SystemdPath} is missing; eng/install-deps.sh installs it)";
        }

        if (Tools.FirstOrDefault(tool => !Shell.IsOnPath(tool)) is { } missing)
        {
            return $"needs {missing} on PATH (util-linux)";
        }

        return File.ReadAllText("/proc/filesystems").Contains("overlay", StringComparison.Ordinal)
            ? null
            : "needs overlayfs (not in /proc/filesystems)";
    }

    // Boots systemd on the units in WORK/units, the staged tree in WORK/stage copied over /; returns once it runs.
    public static async Task<SystemdNamespace> BootAsync(string work)
    {
        var cgroupName = "watchdog-e2e-" + Guid.NewGuid().ToString("N")[..12];
        var start = new ProcessStartInfo(Repository.NamespaceScript)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["boot", work, cgroupName])
        {
            start.ArgumentList.Add(argument);
        }

        var boot = Process.Start(start) ?? throw new InvalidOperationException("cannot start systemd-ns.sh");
        var output = boot.StandardOutput.ReadToEndAsync();
        var error = boot.StandardError.ReadToEndAsync();
        int pid = 0;
        try
        {
            await Poll.UntilAsync(() => boot.HasExited || (pid = SystemdChildOf(boot.Id)) > 0, "systemd to start in the namespace", TimeSpan.FromSeconds(20));
            if (boot.HasExited)
            {
                throw new InvalidOperationException($"systemd-ns.sh boot exited {boot.ExitCode}\n{await output}\n{await error}");
            }
        }
        catch
        {
            await new SystemdNamespace(boot, cgroupName, work, pid).DisposeAsync();
            throw;
        }

        var booted = new SystemdNamespace(boot, cgroupName, work, pid);
        await Poll.UntilAsync(() => File.Exists(booted.HostPath("/run/systemd/private")), "systemd's private socket", TimeSpan.FromSeconds(20));
        return booted;
    }

    // The path, as seen from the host, of a path inside the namespace.
    public string HostPath(string path) => $"/proc/{Pid}/root{path}";

    public Task<ShellResult> SystemctlAsync(params string[] arguments) =>
        Shell.RunAsync("nsenter", ["-t", Pid.ToString(CultureInfo.InvariantCulture), "-a", "systemctl", .. arguments], TimeSpan.FromSeconds(30));

    public Task<ShellResult> RunAsync(params string[] command) =>
        Shell.RunAsync("nsenter", ["-t", Pid.ToString(CultureInfo.InvariantCulture), "-a", .. command], TimeSpan.FromSeconds(30));

    public async Task<string> PropertyAsync(string unit, string property)
    {
        var result = await SystemctlAsync("show", "--property", property, "--value", unit);
        Assert.True(result.ExitCode == 0, result.Describe());
        return result.Output.Trim();
    }

    // Whether a pid of the namespace names a live process (a zombie is dead: only its exit status is left).
    public bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText(HostPath($"/proc/{pid}/stat"));
            return stat[(stat.LastIndexOf(')') + 2)..][0] is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    // Pids (in the namespace) of every live process whose environment holds the variable, e.g. WATCHDOG_TAG.
    public IReadOnlyList<int> ProcessesWith(string variable)
    {
        var pids = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories(HostPath("/proc")))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(dir, "environ")).Split('\0').Any(entry => entry.StartsWith(variable + "=", StringComparison.Ordinal)) && IsAlive(pid))
                {
                    pids.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone between the listing and the read.
            }
        }

        return pids;
    }

    // The namespace's cgroup directories still on the host (none once disposed).
    public IReadOnlyList<string> Cgroups() =>
        CgroupRoots.Concat(Directory.Exists("/sys/fs/cgroup") ? Directory.EnumerateDirectories("/sys/fs/cgroup") : [])
            .Select(root => Path.Combine(root, cgroupName))
            .Where(Directory.Exists)
            .Distinct()
            .ToList();

    public async ValueTask DisposeAsync()
    {
        // SIGKILL of a pid namespace's init kills every process in it (pid_namespaces(7)).
        if (Pid > 0 && !boot.HasExited)
        {
            Process.GetProcessById(Pid).Kill();
        }

        using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await boot.WaitForExitAsync(exit.Token);
        boot.Dispose();
        for (var attempt = 0; attempt < 50 && Cgroups().Count > 0; attempt++)
        {
            await Shell.RunAsync(Repository.NamespaceScript, "cleanup", cgroupName);
            if (Cgroups().Count > 0)
            {
                await Task.Delay(100);
            }
        }
    }

    // The pid of the systemd that unshare (pid) forked, once the child has become systemd; 0 before.
    private static int SystemdChildOf(int pid)
    {
        try
        {
            foreach (var child in File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (File.ReadAllText($"/proc/{child}/comm").Trim() == "systemd")
                {
                    return int.Parse(child, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The child is between fork and exec, or gone.
        }

        return 0;
    }
}
