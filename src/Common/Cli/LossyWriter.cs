namespace Watchdog.Common.Cli;

// The verbs' stdout and stderr: once a write fails (stdout closed with `>&-`, a pipe whose reader is gone as in
// `watchdog status | head -c1`), everything after it is dropped. The verb does its work and exits with its own
// code, quietly: a reader that went away is no reason for a stack trace, and `check`'s verdict still holds.
internal sealed class LossyWriter(TextWriter inner) : TextWriter
{
    private bool closed;

    public override System.Text.Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override string NewLine
    {
        get => inner.NewLine;
#pragma warning disable CS8765 // TextWriter.NewLine's setter accepts null; the inner writer handles it.
        set => inner.NewLine = value;
#pragma warning restore CS8765
    }

    public override void Write(char value) => Try(() => inner.Write(value));

    public override void Write(string? value) => Try(() => inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Try(() => inner.Write(buffer, index, count));

    public override void WriteLine(string? value) => Try(() => inner.WriteLine(value));

    public override void Flush() => Try(inner.Flush);

    private void Try(Action write)
    {
        if (closed)
        {
            return;
        }

        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            // EPIPE or EBADF; .NET reports EBADF on a console stream as UnauthorizedAccessException.
            closed = true;
        }
    }
}
