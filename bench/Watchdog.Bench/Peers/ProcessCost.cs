using System.Globalization;

namespace Watchdog.Bench.Peers;

// What a set of supervisor processes costs, read from /proc: proportional set size (shared pages divided among
// the processes sharing them: the fair figure for many small processes) and CPU time of all threads.
internal static class ProcessCost
{
    public const double TicksPerSecond = 100.0;

    public static double PssMiB(IEnumerable<int> pids) => pids.Sum(pid => Field($"/proc/{pid}/smaps_rollup", "Pss:")) / 1024.0;

    public static long CpuTicks(IEnumerable<int> pids) => pids.Sum(pid =>
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    });

    public static List<int> ChildrenOf(int parent)
    {
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    var ppid = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                    if (ppid == parent)
                    {
                        children.Add(pid);
                    }
                }
                catch (IOException)
                {
                    // The process ended between the listing and the read.
                }
            }
        }

        return children;
    }

    private static long Field(string path, string name) =>
        long.Parse(File.ReadLines(path).First(l => l.StartsWith(name, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
