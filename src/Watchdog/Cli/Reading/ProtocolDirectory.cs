using Watchdog.Cli.Text;
using Watchdog.Common.Interop;

namespace Watchdog.Cli.Reading;

// The entries of a protocol directory that can be hearts, problems, history, state or down files: regular files
// with valid names, by lstat (a symlink is never followed and a fifo never opened — a CLI that blocks on one is no
// help at 3 am). Each entry with a valid name that is something else is refused and named in errors; so is a
// protocol directory that is itself a symlink. Sub-directories and dot-files (temp files) are skipped; with the
// plain name rule, so is (named in errors) any other name. A missing directory is empty (the daemons create them
// on their first pass); one that cannot be read is reported in errors, never thrown.
internal static class ProtocolDirectory
{
    public static IReadOnlyList<string> Names(string directory, ICollection<string> errors, Func<string, bool>? isName = null)
    {
        if (!IsDirectory(directory, errors))
        {
            return [];
        }

        try
        {
            var names = new List<string>();
            foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
            {
                var name = entry.Name;
                if (isName?.Invoke(name) ?? Common.Protocol.Names.IsValid(name))
                {
                    if (Kind(directory, name) is { } kind and not FileKind.Directory)
                    {
                        if (kind == FileKind.Regular)
                        {
                            names.Add(name);
                        }
                        else
                        {
                            errors.Add(RootFile.Refusal(Path.Combine(directory, name), kind));
                        }
                    }
                }
                else if (isName is null && !name.StartsWith('.'))
                {
                    errors.Add($"{Printable.Escape(Path.Combine(directory, name))}: not a valid name ({Common.Protocol.Names.Rule}); skipped");
                }
            }

            return names;
        }
        catch (UnauthorizedAccessException)
        {
            errors.Add($"cannot read {Printable.Escape(directory)}: permission denied — run as a user who may read it (its group, or sudo)");
            return [];
        }
        catch (IOException e)
        {
            errors.Add($"cannot read {Printable.Escape(directory)}: {Printable.Escape(e.Message)}");
            return [];
        }
    }

    // A real directory, by lstat: missing is false without a word (empty), anything else false with the reason.
    private static bool IsDirectory(string directory, ICollection<string> errors)
    {
        var result = RootFile.Lstat(directory, out var stat);
        if (result == FileResult.NotFound)
        {
            return false;
        }

        if (result != FileResult.Ok)
        {
            errors.Add($"cannot read {Printable.Escape(directory)}: {FileResultText.Describe(result)}");
            return false;
        }

        if (stat.Kind != FileKind.Directory)
        {
            errors.Add($"{Printable.Escape(directory)} is a {RootFile.KindName(stat.Kind)}, not a directory: refused (never followed)");
            return false;
        }

        return true;
    }

    private static FileKind? Kind(string directory, string name) =>
        RootFile.Lstat(Path.Combine(directory, name), out var stat) == FileResult.Ok ? stat.Kind : null;
}
