using System.Diagnostics;

namespace Watchdog.Tests.Support;

/// Hostile entries as a user would plant them under a root: real fifos (mkfifo(1)) and real symlinks.
public static class SpecialFiles
{
    // A process that has exited and been reaped: its pid names no live process (until reused, which a test
    // cannot rule out but which would only make a stale-temp remover keep a temp).
    public static int DeadPid()
    {
        using var process = Process.Start("true");
        process.WaitForExit();
        return process.Id;
    }

    public static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        if (mkfifo.ExitCode != 0)
        {
            throw new IOException($"mkfifo {path} exited {mkfifo.ExitCode}");
        }
    }

    /// A file outside the root standing in for /etc/shadow: old mtime, known content.
    public static string Secret(string directory)
    {
        var path = System.IO.Path.Combine(directory, "shadow");
        File.WriteAllText(path, "root:secret\n");
        File.SetLastWriteTimeUtc(path, LongAgo);
        return path;
    }

    public static readonly DateTime LongAgo = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// True while the secret is exactly as Secret left it (content and mtime).
    public static bool IsUntouched(string secret) =>
        File.ReadAllText(secret) == "root:secret\n" && File.GetLastWriteTimeUtc(secret) == LongAgo;

    /// Runs action on a thread pool thread and fails the test if it has not returned by the deadline (a blocked open).
    public static async Task<T> WithinDeadlineAsync<T>(Func<T> action)
    {
        var work = Task.Run(action);
        return await work.WaitAsync(TimeSpan.FromSeconds(20));
    }
}
