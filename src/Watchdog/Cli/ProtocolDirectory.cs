using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;

namespace Watchdog.Cli;

// The entries of a protocol directory that can be hearts, problems or history: regular files with valid names
// (lstat, so a symlink is never followed and a fifo never opened — a CLI that blocks on one is no help at 3 am).
// Dot-files (temp files) and anything else are skipped; a missing directory is empty (the daemons create them
// on their first pass); a directory that cannot be read is reported in errors, never thrown.
internal static class ProtocolDirectory
{
    public static IReadOnlyList<FileInfo> Files(string directory, ICollection<string> errors, Func<string, bool>? isName = null)
    {
        isName ??= static name => Names.IsValid(name);
        try
        {
            return new DirectoryInfo(directory)
                .EnumerateFiles()
                .Where(f => isName(f.Name) && IsRegularFile(directory, f.Name))
                .ToList();
        }
        catch (DirectoryNotFoundException)
        {
            if (File.Exists(directory))
            {
                errors.Add($"{directory} is not a directory");
            }

            return [];
        }
        catch (UnauthorizedAccessException)
        {
            errors.Add($"cannot read {directory}: permission denied — run as a user who may read it (its group, or sudo)");
            return [];
        }
        catch (IOException e)
        {
            errors.Add($"cannot read {directory}: {e.Message}");
            return [];
        }
    }

    public static bool IsRegularFile(string directory, string name)
    {
        Span<byte> path = stackalloc byte[NativeMethods.MaxPathBytes];
        return NativeMethods.TryBuildPath(directory, name, path, out var length)
            && NativeMethods.StatNoFollow(path[..(length + 1)], out var stat) == FileResult.Ok
            && stat.Kind == FileKind.Regular;
    }
}
