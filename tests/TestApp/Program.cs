using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

// A program for the restarter's tests to supervise. Every verb prints what it does, with its pid, so a test
// can wait for the line; verbs that do not exit on their own sleep until killed.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: testapp beat FILE [MS] | hang | crash | exit N | spawn-grandchild | spawn-child-same-pgrp [--drop VAR] | ignore-sigterm | flood-output | print-env | sleep");
    return 2;
}

var pid = Environment.ProcessId;
switch (args[0])
{
    case "beat":
        var heart = args[1];
        var interval = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;
        Say($"beating {heart} {pid}");
        while (true)
        {
            if (!File.Exists(heart))
            {
                File.WriteAllText(heart, "");
            }

            File.SetLastWriteTimeUtc(heart, DateTime.UtcNow);
            Thread.Sleep(interval);
        }

    case "hang":
        Say($"hanging {pid}");
        return SleepForever();

    case "crash":
        Say($"crashing {pid}");
        Environment.FailFast("testapp crash");
        return 1;

    case "exit":
        var code = int.Parse(args[1], CultureInfo.InvariantCulture);
        Say($"exiting {code} {pid}");
        return code;

    case "spawn-grandchild":
        // setsid(1) -f forks and the fork calls setsid(2) before exec: the grandchild is in a new session and
        // process group, and setsid(1) exits at once, so the grandchild is re-parented (double fork).
        using (var setsid = Process.Start("setsid", ["-f", Environment.ProcessPath!, "sleep"]))
        {
            setsid.WaitForExit();
        }

        Say($"spawned grandchild {pid}");
        return SleepForever();

    case "spawn-child-same-pgrp":
        var start = new ProcessStartInfo(Environment.ProcessPath!, "sleep") { UseShellExecute = false };
        if (args.Length > 2 && args[1] == "--drop")
        {
            start.Environment.Remove(args[2]);
        }

        using (var child = Process.Start(start)!)
        {
            Say($"spawned child {child.Id} {pid}");
        }

        return SleepForever();

    case "ignore-sigterm":
        using (PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => context.Cancel = true))
        {
            Say($"ignoring SIGTERM {pid}");
            return SleepForever();
        }

    case "flood-output":
        Say($"flooding {pid}");
        for (var i = 0L; ; i++)
        {
            Console.Out.WriteLine($"flood line {i} " + new string('x', 100));
        }

    case "print-env":
        foreach (var entry in Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>().OrderBy(e => (string)e.Key, StringComparer.Ordinal))
        {
            Console.Out.WriteLine($"{entry.Key}={entry.Value}");
        }

        Say($"printed env {pid}");
        return 0;

    case "sleep":
        Say($"sleeping {pid}");
        return SleepForever();

    default:
        Console.Error.WriteLine($"testapp: unknown verb '{args[0]}'");
        return 2;
}

static void Say(string line)
{
    Console.Out.WriteLine(line);
    Console.Out.Flush();
}

static int SleepForever()
{
    Thread.Sleep(Timeout.Infinite);
    return 0;
}
