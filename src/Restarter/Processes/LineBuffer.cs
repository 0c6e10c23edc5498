namespace Watchdog.Restarter.Processes;

// The bytes of a line not yet ended by '\n', bounded by the capacity given.
internal sealed class LineBuffer(int capacity)
{
    private readonly byte[] bytes = new byte[capacity];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => bytes.AsSpan(0, Length);

    public void Append(ReadOnlySpan<byte> data)
    {
        data.CopyTo(bytes.AsSpan(Length));
        Length += data.Length;
    }

    public void Clear() => Length = 0;
}
