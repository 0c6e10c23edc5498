namespace Watchdog.Detector;

// The entries of one directory by name, across passes. A name already known is found from the span the
// enumeration hands out, so a steady-state pass allocates no strings.
internal sealed class EntryTable<T>
    where T : TrackedEntry
{
    private readonly Dictionary<string, T> entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly Func<string, T> create;
    private readonly List<string> gone = [];

    public EntryTable(Func<string, T> create)
    {
        this.create = create;
        lookup = entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Generation { get; private set; }

    public int SeenThisPass { get; private set; }

    public Dictionary<string, T>.ValueCollection Entries => entries.Values;

    public int Count => entries.Count;

    public void BeginPass()
    {
        Generation++;
        SeenThisPass = 0;
    }

    public T Touch(ReadOnlySpan<char> name)
    {
        if (!lookup.TryGetValue(name, out var entry))
        {
            var key = name.ToString();
            entry = create(key);
            entries.Add(key, entry);
        }

        if (entry.Generation != Generation)
        {
            entry.Generation = Generation;
            SeenThisPass++;
        }

        return entry;
    }

    public bool TryGet(string name, out T entry) => entries.TryGetValue(name, out entry!);

    // Forgets every entry not seen in this pass and returns them (valid until the next call).
    public IReadOnlyList<string> Sweep(Action<T>? onGone = null)
    {
        gone.Clear();
        if (SeenThisPass == entries.Count)
        {
            return gone;
        }

        foreach (var (name, entry) in entries)
        {
            if (entry.Generation != Generation)
            {
                gone.Add(name);
                onGone?.Invoke(entry);
            }
        }

        foreach (var name in gone)
        {
            entries.Remove(name);
        }

        return gone;
    }
}
