using Watchdog.Common.Protocol;

namespace Watchdog.Tests.Integration;

// A temp root with a config for the real daemons, and every process started on it, killed in Dispose.
internal sealed class DaemonRoot : IDisposable
{
    private readonly List<IDisposable> owned = [];

    public DaemonRoot()
    {
        Layout = new RootLayout(Temp.Combine("var"));
        Config = Temp.Combine("watchdog.yaml");
    }

    public TempDirectory Temp { get; } = new();

    public RootLayout Layout { get; }

    public string Config { get; }

    // Writes the config: this root, debug logging, then sections (YAML, e.g. "watchdog: { max_interval: 200ms }").
    public void Write(string sections) =>
        File.WriteAllText(Config, $"root: {Layout.Root}\nlog: {{ level: debug }}\n{sections}\n");

    // `watchdog run` on this root with the watchdog section given.
    public DaemonProcess Start(string watchdogSection, string? notifySocket = null, int? watchdogUsec = null)
    {
        Write(watchdogSection);
        return Own(DaemonProcess.Run("watchdog", Config, notifySocket, watchdogUsec));
    }

    public T Own<T>(T item)
        where T : IDisposable
    {
        owned.Add(item);
        return item;
    }

    public void Dispose()
    {
        foreach (var item in Enumerable.Reverse(owned))
        {
            item.Dispose();
        }

        Temp.Dispose();
    }
}
