using Microsoft.Extensions.Logging;

namespace Watchdog.Restarter.Supervision;

// Expected I/O errors of the disk under the root (ENOSPC, EROFS, EIO, EACCES, a directory removed): a transition
// that hit one is retried from what the disk says until it lands (issue 14 §8). Each kind of failure is logged
// once, as one line without a stack trace, and the recovery once.
internal sealed class DiskFaults(ILogger logger, string program)
{
    // The HRESULT of an IOException built from a message alone (the project's own, which name the path and the
    // reason); the BCL's carry the errno instead.
    private const int PlainIOException = unchecked((int)0x80131620);

    private readonly HashSet<string> seen = new(StringComparer.Ordinal);

    public static bool IsExpected(Exception e) => e is IOException or UnauthorizedAccessException;

    public void Report(Exception e)
    {
        // The BCL's messages name the dot-temp file, new on every attempt: their kind is the error code.
        var kind = e.HResult == PlainIOException ? e.Message : $"{e.GetType().Name} {e.HResult}";
        if (seen.Add(kind))
        {
            logger.LogError("{Program}: cannot record a change on disk: {Error}; retrying until it lands", program, e.Message);
        }
    }

    public void Recovered()
    {
        if (seen.Count > 0)
        {
            seen.Clear();
            logger.LogInformation("{Program}: the disk takes changes again", program);
        }
    }
}
