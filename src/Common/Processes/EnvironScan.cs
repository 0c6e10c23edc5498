namespace Watchdog.Common.Processes;

// Finds one variable in a NUL-separated environment block fed in chunks of any size. Only the value of the
// entry being read is kept, so an environment of any size is scanned to its end in constant memory: a cut-off
// (1 MiB until issue 14) let a process push its tag past it and hide from the tree kill.
internal ref struct EnvironScan
{
    private readonly ReadOnlySpan<byte> prefix;
    private readonly Span<byte> value;

    // Bytes of the current entry seen so far, and whether it is already known not to be the one looked for.
    private int length;
    private bool skipping;
    private bool tooLong;

    // nameAndEquals: "NAME="; value: room for the value (empty: only an entry equal to nameAndEquals matches, and
    // the scan goes on past entries with the name and another value).
    public EnvironScan(ReadOnlySpan<byte> nameAndEquals, Span<byte> value)
    {
        prefix = nameAndEquals;
        this.value = value;
        Result = EnvironLookup.Absent;
    }

    public EnvironLookup Result { get; private set; }

    public int ValueLength { get; private set; }

    // Returns false once the variable is found: the rest need not be read.
    public bool Feed(scoped ReadOnlySpan<byte> chunk)
    {
        while (!chunk.IsEmpty)
        {
            var end = chunk.IndexOf((byte)0);
            Take(end < 0 ? chunk : chunk[..end]);
            if (end < 0)
            {
                return true;
            }

            if (EndEntry())
            {
                return false;
            }

            chunk = chunk[(end + 1)..];
        }

        return true;
    }

    // The end of the block: its last entry may lack the NUL.
    public void Finish()
    {
        if (length > 0 || skipping)
        {
            EndEntry();
        }
    }

    private void Take(scoped ReadOnlySpan<byte> piece)
    {
        if (skipping || piece.IsEmpty)
        {
            return;
        }

        if (length < prefix.Length)
        {
            var n = Math.Min(piece.Length, prefix.Length - length);
            if (!piece[..n].SequenceEqual(prefix.Slice(length, n)))
            {
                skipping = true;
                return;
            }

            length += n;
            piece = piece[n..];
            if (length < prefix.Length)
            {
                return;
            }
        }

        var at = length - prefix.Length;
        if (piece.Length > value.Length - at)
        {
            tooLong = true;
            skipping = true;
            return;
        }

        piece.CopyTo(value[at..]);
        length += piece.Length;
    }

    private bool EndEntry()
    {
        var found = !skipping && length >= prefix.Length;
        if (found)
        {
            Result = EnvironLookup.Found;
            ValueLength = length - prefix.Length;
        }
        else if (tooLong)
        {
            Result = EnvironLookup.TooLong;
        }

        length = 0;
        skipping = false;
        tooLong = false;
        return found;
    }
}
