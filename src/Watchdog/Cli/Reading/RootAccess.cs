namespace Watchdog.Cli.Reading;

// Says plainly why a root or one of its directories cannot be used, before a verb trusts it.
internal static class RootAccess
{
    // Null when root is a directory the caller may look into; otherwise one line saying what is wrong.
    public static string? WhyUnusable(string root)
    {
        try
        {
            if ((File.GetAttributes(root) & FileAttributes.Directory) == 0)
            {
                return $"{root} is not a directory — is --root (or root: in the config) right?";
            }

            _ = Directory.EnumerateFileSystemEntries(root).Any();
            return null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return $"no such directory {root} — is the watchdog installed, and is --root (or root: in the config) right?";
        }
        catch (UnauthorizedAccessException)
        {
            return $"cannot read {root}: permission denied — run as a user who may read it (its group, or sudo)";
        }
        catch (IOException e)
        {
            return $"cannot read {root}: {e.Message}";
        }
    }

    // Why a protocol directory below the root cannot be written by this user, or null when it can be tried.
    public static string? WhyUnwritable(string directory, string what)
    {
        if (Directory.Exists(directory))
        {
            return null;
        }

        return File.Exists(directory)
            ? $"{directory} is not a directory"
            : $"no {Path.GetFileName(directory)}/ directory in {Path.GetDirectoryName(directory)} — has the watchdog run here? ({what} needs it)";
    }

    // Why a write failed; AtomicFile reports a denied system call as an IOException ending in its reason.
    public static string Describe(Exception e) =>
        e is UnauthorizedAccessException || e.Message.EndsWith(": permission denied", StringComparison.Ordinal)
            ? "permission denied — run as a user who may write there (its group, or sudo)"
            : e.Message;

    public static bool IsFileError(Exception e) => e is IOException or UnauthorizedAccessException;
}
