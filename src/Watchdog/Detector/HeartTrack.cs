using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;

namespace Watchdog.Detector;

// A heart across passes: its declared timeout (re-read only when the file changed) and its two-clock age.
internal sealed class HeartTrack(string name) : TrackedEntry(name)
{
    // A field, not a property: the mutable struct is updated in place on every pass, without a copy.
    public StalenessClock Clock;

    public HeartContent Content { get; private set; } = HeartContent.Empty;

    // The timeout the content declares; zero when the content is not a valid timeout (the default applies).
    public TimeSpan DeclaredTimeout { get; private set; }

    // A hash of the bytes read, so that a new bad content is reported again but the same one is not.
    public int ContentHash { get; private set; }

    public FileResult ReadResult { get; private set; }

    public TimeSpan Timeout { get; set; }

    public bool Stale { get; set; }

    // What was last logged about the content, so each bad content is reported once.
    public (HeartContent Content, int Hash)? ReportedContent { get; set; }

    // The last error writing this heart's problem, so a full or read-only disk is logged once, not every pass.
    public string? ProblemError { get; set; }

    protected override void OnRegularFile(ReadOnlySpan<byte> path, bool unchanged)
    {
        if (unchanged && Content != HeartContent.Unreadable)
        {
            return;
        }

        Span<byte> buffer = stackalloc byte[HeartTimeout.MaxContentBytes + 1];
        ReadResult = NativeMethods.ReadHead(path, buffer, out var read);
        var content = buffer[..read];
        ContentHash = ReadResult == FileResult.Ok ? HashOf(content) : 0;
        DeclaredTimeout = TimeSpan.Zero;
        if (ReadResult != FileResult.Ok)
        {
            Content = HeartContent.Unreadable;
        }
        else if (content.Trim(" \t\r\n"u8).IsEmpty)
        {
            Content = HeartContent.Empty;
        }
        else if (read > HeartTimeout.MaxContentBytes)
        {
            Content = HeartContent.TooLong;
        }
        else if (HeartTimeout.TryParse(content, out var timeout))
        {
            Content = HeartContent.Valid;
            DeclaredTimeout = timeout;
        }
        else
        {
            Content = HeartContent.NotATimeout;
        }
    }

    private static int HashOf(ReadOnlySpan<byte> content)
    {
        var hash = default(HashCode);
        hash.AddBytes(content);
        return hash.ToHashCode();
    }
}
