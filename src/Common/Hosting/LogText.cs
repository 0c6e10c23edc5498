using System.Buffers;
using System.Globalization;
using System.Text;

namespace Watchdog.Common.Hosting;

// Text from outside the daemon (a file name below the root, a line a program wrote) put into a log line: a
// newline in a file name must not start a forged log line, nor a terminal escape rewrite the operator's screen.
internal static class LogText
{
    private static readonly SearchValues<char> NeedEscape = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7f, 0x21)).Select(c => (char)c)) + "\\\u2028\u2029");

    // Control characters (C0, DEL, C1), the Unicode line and paragraph separators and the backslash become
    // C-style escapes (\n, \t, \\, \x1b, \u2028); any other text comes back as the same instance.
    public static string Escape(string text)
    {
        if (!text.AsSpan().ContainsAny(NeedEscape))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\n' => escaped.Append("\\n"),
                '\r' => escaped.Append("\\r"),
                '\t' => escaped.Append("\\t"),
                '\\' => escaped.Append("\\\\"),
                < ' ' or (>= '\u007f' and <= '\u009f') => escaped.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture)),
                '\u2028' or '\u2029' => escaped.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }
}
