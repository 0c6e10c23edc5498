using System.Globalization;

namespace Deploy.Tests;

// The files the end-to-end test adds to the installed units: a test config, a supervised program, drop-ins
// (logs to files, short WatchdogSec) and stand-ins for the boot targets the units' default dependencies name.
internal static class EndToEndFixture
{
    public const string Config = """
        root: /var/lib/watchdog
        log: { level: debug }
        watchdog:
          default_timeout: 5s
          max_interval: 250ms
          escalate_after: 2s
          escalate: [/usr/bin/systemctl, restart, watchdog-restarter.service]
          escalate_timeout: 20s
        restarter:
          programs:
            - name: alpha
              command: [/run/e2e/program.sh, alpha]
              hearts: { alpha: 3s }
              startup_grace: 2s
              stop: { signal: SIGTERM, grace: 2s }
              backoff: { initial: 0s, max: 1s }
              limit: { restarts: 20, within: 60s, cool_down: 10m }
            - name: beta
              command: [/run/e2e/program.sh, beta]
              hearts: { beta: 3s }
              startup_grace: 2s
              stop: { signal: SIGTERM, grace: 2s }
              backoff: { initial: 0s, max: 1s }
              limit: { restarts: 20, within: 60s, cool_down: 10m }
        """;

    // Beats its heart every 0.2 s while /run/e2e/hang/NAME does not hold its pid; keeps a child and an escapee
    // (setsid) in its tree; records "pid child escapee" of each launch in /run/e2e/launches/NAME.
    public const string Program = """
        #!/bin/sh
        name=$1
        sleep 100000 &
        child=$!
        setsid sleep 100000 &
        escapee=$!
        echo "$$ $child $escapee" >> "/run/e2e/launches/$name"
        while :; do
          if [ "$(cat "/run/e2e/hang/$name" 2>/dev/null)" != "$$" ]; then
            touch "$WATCHDOG_HEARTS/$WATCHDOG_HEART"
          fi
          sleep 0.2
        done
        """;

    public static readonly string[] Daemons = ["watchdog.service", "watchdog-restarter.service"];

    // Writes everything below work: repo/ (the scripts install.sh needs), bin/ (the binaries), stage/ (the test
    // config, copied over / before systemd starts), units/ (drop-ins and targets), the program, the dirs. Inside the
    // namespace /tmp is private, so nothing is used from where the repository or the binaries happen to be.
    public static async Task PrepareAsync(string work, string binaries)
    {
        foreach (var dir in (string[])["units", "logs", "launches", "hang", "bin", "repo/deploy/systemd", "repo/docs", "stage/etc/watchdog"])
        {
            Directory.CreateDirectory(Path.Combine(work, dir));
        }

        foreach (var file in Directory.EnumerateFiles(Repository.Deploy))
        {
            File.Copy(file, Path.Combine(work, "repo", "deploy", "systemd", Path.GetFileName(file)));
        }

        File.Copy(Path.Combine(Repository.Root, "docs", "operations.md"), Path.Combine(work, "repo", "docs", "operations.md"));
        foreach (var binary in (string[])["watchdog", "restarter", "watchdog-launch"])
        {
            File.Copy(Path.Combine(binaries, binary), Path.Combine(work, "bin", binary));
        }

        await File.WriteAllTextAsync(Path.Combine(work, "stage", "etc", "watchdog", "watchdog.yaml"), Config + "\n");
        var program = Path.Combine(work, "program.sh");
        await File.WriteAllTextAsync(program, Program + "\n");
        File.SetUnixFileMode(program, (UnixFileMode)Convert.ToInt32("755", 8));

        foreach (var target in (string[])["sysinit", "basic", "shutdown", "multi-user"])
        {
            await WriteUnitAsync(work, $"{target}.target", $"[Unit]\nDescription=stand-in for {target}.target\nDefaultDependencies=no\n");
        }

        await WriteUnitAsync(work, "e2e.target", "[Unit]\nDescription=end-to-end test\nDefaultDependencies=no\n");
        foreach (var unit in Daemons)
        {
            await WriteUnitAsync(work, $"{unit}.d/e2e.conf", string.Create(CultureInfo.InvariantCulture, $"""
                [Service]
                WatchdogSec=5s
                RestartSec=200ms
                StandardOutput=append:/run/e2e/logs/{unit}.log
                StandardError=inherit
                """) + "\n");
        }
    }

    // A copy of the binaries that differs from the installed ones (a byte appended after the ELF image), as an upgrade.
    public static void PrepareUpgrade(string work)
    {
        Directory.CreateDirectory(Path.Combine(work, "bin2"));
        foreach (var binary in (string[])["watchdog", "restarter", "watchdog-launch"])
        {
            var path = Path.Combine(work, "bin2", binary);
            File.Copy(Path.Combine(work, "bin", binary), path);
            File.AppendAllText(path, "\n");
        }
    }

    private static async Task WriteUnitAsync(string work, string name, string text)
    {
        var path = Path.Combine(work, "units", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, text);
    }
}
