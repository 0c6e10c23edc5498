using System.Text;
using Watchdog.Common.Interop;

namespace Watchdog.Common.Config;

// `environment_file: /etc/watchdog/api.env` (or `-/path`: optional, as in systemd): read when the config is loaded,
// so a bad line is a config error like any other and a change to the file is a change to the program's config.
internal sealed partial class ConfigLoader
{
    private (string? Path, List<KeyValuePair<string, string>> Entries) ReadEnvironmentFile(Map map, string label, string tagVariable)
    {
        var where = $"{label}.environment_file";
        if (Scalar(map, "environment_file", where) is not { Value: { Length: > 0 } text } node)
        {
            return (null, []);
        }

        var optional = text.StartsWith('-');
        var path = optional ? text[1..] : text;
        if (!Path.IsPathRooted(path))
        {
            Error(node, $"{where} '{text}' must be an absolute path, e.g. /etc/watchdog/api.env");
            return (null, []);
        }

        // The daemons read it; a CLI verb run by an operator may not be allowed to, and needs none of its values.
        if (!checks.HasFlag(ConfigChecks.Executables))
        {
            return (path, []);
        }

        var opened = NativeMethods.OpenForReading(path, out var handle, out var kind);
        if (opened == FileResult.NotFound && optional)
        {
            return (path, []);
        }

        if (opened != FileResult.Ok)
        {
            var why = opened == FileResult.NotRegular ? $"it is a {KindDescription(kind)}, not a regular file" : FileResultText.Describe(opened);
            Error(node, $"{where} '{path}' cannot be read: {why}; create it, fix its permissions, or write '-{path}' to make it optional");
            return (path, []);
        }

        using (handle)
        {
            var length = RandomAccess.GetLength(handle!);
            if (length > MaxBytes)
            {
                Error(node, $"{where} '{path}' is larger than {MaxBytes / 1024 / 1024} MiB; an environment file is a few lines — is this the right file?");
                return (path, []);
            }

            var buffer = new byte[length];
            var read = 0;
            try
            {
                while (read < buffer.Length && RandomAccess.Read(handle!, buffer.AsSpan(read), read) is var n and > 0)
                {
                    read += n;
                }
            }
            catch (IOException e)
            {
                Error(node, $"{where} '{path}' cannot be read: {e.Message}");
                return (path, []);
            }

            var place = $"{label}, {file}:{node.Start.Line}:{node.Start.Column}";
            var entries = EnvironmentFile.Parse(path, Encoding.UTF8.GetString(buffer, 0, read), name => EnvironmentNames.WhyNotProgramVariable(name, tagVariable), place, errors);
            return (path, entries);
        }
    }
}
