using System.Text.Json;
using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;

namespace Watchdog.Common.State;

// One JSON file per program under `state/`, written dot-temp + fsync + rename + fsync of the directory.
internal sealed class StateStore(RootLayout layout)
{
    public const string Extension = ".json";

    public string PathFor(string name) => Path.Combine(layout.State, name + Extension);

    // durable: false skips the fsyncs (the rename is still atomic), for a write a later durable one supersedes.
    public void Write(ProgramState state, bool durable = true) =>
        AtomicFile.Replace(PathFor(state.Name), JsonSerializer.SerializeToUtf8Bytes(state, StateJsonContext.Default.ProgramState), durable: durable);

    public void Delete(string name)
    {
        File.Delete(PathFor(name));
    }

    // Reads one program's state: null when there is none; InvalidDataException when it is unreadable junk or not a
    // regular file (a fifo is never opened: that would block the reader).
    public ProgramState? Read(string name)
    {
        var path = PathFor(name);
        Span<byte> nativePath = stackalloc byte[NativeMethods.MaxPathBytes];
        if (NativeMethods.TryBuildPath(layout.State, Path.GetFileName(path), nativePath, out var length)
            && NativeMethods.StatNoFollow(nativePath[..(length + 1)], out var stat) == FileResult.Ok
            && stat.Kind != FileKind.Regular)
        {
            throw new InvalidDataException($"{path} is not a regular file");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, StateJsonContext.Default.ProgramState) is { Name: var n } state && n == name
                ? state
                : throw new InvalidDataException($"{PathFor(name)} does not hold the state of program '{name}'");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{PathFor(name)} is not a valid state file: {e.Message}", e);
        }
    }

    // The names of every program with a state file (valid names only; dot-temp files are skipped).
    public IReadOnlyList<string> Names()
    {
        if (!Directory.Exists(layout.State))
        {
            return [];
        }

        return Directory.EnumerateFiles(layout.State, "*" + Extension)
            .Select(p => Path.GetFileName(p)[..^Extension.Length])
            .Where(n => Protocol.Names.IsValid(n))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
