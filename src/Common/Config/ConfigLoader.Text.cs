using System.Text;
using Watchdog.Common.Interop;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Watchdog.Common.Config;

// Getting from the file to YAML nodes within bounds: a regular file only, at most MaxBytes, nesting at most
// MaxDepth, and every failure of the YAML library a config error with its place — never an exception of its own.
internal sealed partial class ConfigLoader
{
    public const int MaxBytes = 1 << 20;

    public const int MaxDepth = 64;

    // The config's text: refused at once when the path is not a regular file (a fifo would block the open and the
    // read; a device would never end), at most MaxBytes + 1 bytes read so Read can say where the limit was passed.
    private static string ReadText(string path)
    {
        const string Hint = "(pass --config FILE or set WATCHDOG_CONFIG)";
        var opened = NativeMethods.OpenForReading(path, out var handle, out var kind);
        if (opened == FileResult.NotRegular)
        {
            throw Fail(path, $"the config is a {KindDescription(kind)}, not a regular file: refused without reading it {Hint}");
        }

        if (opened != FileResult.Ok)
        {
            throw Fail(path, $"cannot read the config file: {FileResultText.Describe(opened)} {Hint}");
        }

        using (handle)
        {
            try
            {
                var buffer = new byte[(int)Math.Min(RandomAccess.GetLength(handle!), MaxBytes) + 1];
                var read = 0;
                while (read < buffer.Length && RandomAccess.Read(handle!, buffer.AsSpan(read), read) is var n and > 0)
                {
                    read += n;
                }

                return Encoding.UTF8.GetString(buffer, 0, read).TrimStart('\uFEFF');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Fail(path, $"cannot read the config file: {e.Message} {Hint}");
            }
        }
    }

    private static ConfigException Fail(string path, string message) => new([new ConfigError(path, 0, 0, message)]);

    private static string KindDescription(FileKind kind) => kind switch
    {
        FileKind.CharacterDevice => "character device",
        FileKind.BlockDevice => "block device",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private YamlStream? LoadYaml(string text)
    {
        if (Encoding.UTF8.GetByteCount(text) > MaxBytes)
        {
            var (line, column) = PlaceOfByte(text, MaxBytes);
            errors.Add(new ConfigError(file, line, column, $"the config is larger than {MaxBytes / 1024 / 1024} MiB from here on; a config is a few kilobytes — is this the right file?"));
            return null;
        }

        var scanner = new Scanner(new StringReader(text));
        var stream = new YamlStream();
        try
        {
            stream.Load(new DepthLimitedParser(new Parser(scanner), MaxDepth, file));
            return stream;
        }
        catch (ConfigException e)
        {
            errors.AddRange(e.Errors);
        }
        catch (YamlException e)
        {
            errors.Add(new ConfigError(file, (int)e.Start.Line, (int)e.Start.Column, "not valid YAML: " + InnerMessage(e)));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // YamlDotNet's scanner throws InvalidOperationException (and others) on some truncated input where it
            // should throw YamlException (issue 14: `a: [x`, newline, `@`). Only the parse runs here, so whatever it
            // throws means text it cannot read: a config error where the scanner stopped.
            var at = scanner.CurrentPosition;
            errors.Add(new ConfigError(file, (int)at.Line, (int)at.Column, "not valid YAML: the parser stopped here; check the quotes and brackets up to this point"));
        }

        return null;
    }

    // Line and column (1-based) of the character holding byte offset in text's UTF-8 form.
    private static (int Line, int Column) PlaceOfByte(string text, int offset)
    {
        int line = 1, column = 1, bytes = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            bytes += rune.Utf8SequenceLength;
            if (bytes > offset)
            {
                break;
            }

            (line, column) = rune.Value == '\n' ? (line + 1, 1) : (line, column + 1);
        }

        return (line, column);
    }

    private static string InnerMessage(YamlException e) =>
        e.InnerException is YamlException inner ? InnerMessage(inner) : e.Message.Split(": ", 2)[^1];
}
