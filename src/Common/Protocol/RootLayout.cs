namespace Watchdog.Common.Protocol;

// The directory protocol (DESIGN.md §2): everything lives below one root.
internal sealed record RootLayout(string Root)
{
    public string Hearts { get; } = Path.Combine(Root, "hearts");

    public string Problems { get; } = Path.Combine(Root, "problems");

    public string History { get; } = Path.Combine(Root, "history");

    public string State { get; } = Path.Combine(Root, "state");

    public string Down { get; } = Path.Combine(Root, "down");

    public string Heart(string name) => Path.Combine(Hearts, name);

    public string Problem(string name) => Path.Combine(Problems, name);

    public string DownFile(string name) => Path.Combine(Down, name);

    // Creates every protocol directory that is missing (mode 0755). Safe to call on every pass.
    public void EnsureCreated()
    {
        foreach (var dir in (string[])[Hearts, Problems, History, State, Down])
        {
            Directory.CreateDirectory(dir);
        }
    }
}
