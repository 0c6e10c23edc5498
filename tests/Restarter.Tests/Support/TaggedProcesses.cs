using System.Globalization;
using System.Text;

namespace Restarter.Tests.Support;

// Every live process whose environment holds a test's own tag variable, read from /proc/PID/environ.
internal static class TaggedProcesses
{
    public static IReadOnlyList<(int Pid, string Tag)> Find(string tagVariable)
    {
        var prefix = Encoding.ASCII.GetBytes(tagVariable + "=");
        var found = new List<(int, string)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            byte[] environ;
            try
            {
                environ = File.ReadAllBytes(Path.Combine(dir, "environ"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var entry in environ.AsSpan().ToArray().Split((byte)0))
            {
                if (entry.AsSpan().StartsWith(prefix) && Signals.IsAlive(pid))
                {
                    found.Add((pid, Encoding.UTF8.GetString(entry, prefix.Length, entry.Length - prefix.Length)));
                }
            }
        }

        return found;
    }

    // SIGKILLs every process with the variable and a tag that is mine until none is left: each test sweeps only
    // its own variable, or its own root's tags of a shared one.
    public static void Sweep(string tagVariable, Func<string, bool> mine)
    {
        for (var round = 0; round < 50; round++)
        {
            var left = Find(tagVariable).Where(p => mine(p.Tag)).ToList();
            if (left.Count == 0)
            {
                return;
            }

            foreach (var (pid, _) in left)
            {
                Signals.Send(pid, Signals.SIGKILL);
            }

            Thread.Sleep(20);
        }
    }

    private static IEnumerable<byte[]> Split(this byte[] bytes, byte separator)
    {
        var start = 0;
        for (var i = 0; i <= bytes.Length; i++)
        {
            if (i == bytes.Length || bytes[i] == separator)
            {
                if (i > start)
                {
                    yield return bytes[start..i];
                }

                start = i + 1;
            }
        }
    }
}
