namespace Watchdog.Common.Config;

// The KEY=VALUE lines of a program's `environment_file`, read as systemd reads EnvironmentFile=: blank lines and
// lines starting with # or ; are skipped, white space around the key and an unquoted value is dropped, a value may
// be single-quoted (taken as written) or double-quoted (\" \\ \$ \` escape). There is no `export` prefix and no
// continuation line: one variable per line. Errors name the file, line and column, and where the config names it.
internal static class EnvironmentFile
{
    public static List<KeyValuePair<string, string>> Parse(string path, string text, Func<string, string?> whyNotName, string configPlace, List<ConfigError> errors)
    {
        var entries = new List<KeyValuePair<string, string>>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var start = line.Length - line.TrimStart().Length;
            var body = line[start..];
            if (body.Length == 0 || body[0] is '#' or ';')
            {
                continue;
            }

            void Fail(int column, string message) => errors.Add(new ConfigError(path, i + 1, column + 1, $"{message} (environment_file of {configPlace})"));

            var equals = body.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                Fail(start, "this line has no '='; write KEY=VALUE, or start it with # to make it a comment");
                continue;
            }

            var name = body[..equals].TrimEnd();
            if (whyNotName(name) is { } why)
            {
                Fail(start, $"'{name}' {why}");
                continue;
            }

            var valueStart = start + equals + 1;
            var rest = line[valueStart..];
            var lead = rest.Length - rest.TrimStart().Length;
            if (Value(rest.Trim(), out var value) is { } problem)
            {
                Fail(valueStart + lead, problem);
                continue;
            }

            entries.RemoveAll(e => e.Key == name);
            entries.Add(new(name, value));
        }

        return entries;
    }

    // The value as the program sees it, or why it cannot be read.
    private static string? Value(string raw, out string value)
    {
        value = raw;
        if (raw.Length == 0 || raw[0] is not ('\'' or '"'))
        {
            return null;
        }

        var quote = raw[0];
        var text = new System.Text.StringBuilder();
        for (var i = 1; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == quote)
            {
                value = text.ToString();
                return i == raw.Length - 1 ? null : $"text after the closing {quote}; quote the whole value";
            }

            if (quote == '"' && c == '\\' && i + 1 < raw.Length && raw[i + 1] is '"' or '\\' or '$' or '`')
            {
                c = raw[++i];
            }

            text.Append(c);
        }

        return $"the value's {quote} is never closed on this line; close it (values cannot continue on the next line)";
    }
}
