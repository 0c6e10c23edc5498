using System.Text.Json;
using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;

namespace Watchdog.Common.State;

// One JSON file per program under `state/`, written dot-temp + fsync + rename + fsync of the directory, read
// relative to state/ opened without following a symlink.
internal sealed class StateStore(RootLayout layout)
{
    public const string Extension = ".json";

    // A state file is a few hundred bytes; anything this large is not one and is never read whole.
    private const int MaxBytes = 1 << 20;

    public string PathFor(string name) => Path.Combine(layout.State, name + Extension);

    // durable: false skips the fsyncs (the rename is still atomic), for a write a later durable one supersedes.
    public void Write(ProgramState state, bool durable = true) =>
        AtomicFile.Replace(PathFor(state.Name), JsonSerializer.SerializeToUtf8Bytes(state, StateJsonContext.Default.ProgramState), durable: durable);

    // Reads one program's state: null when there is none; InvalidDataException when it is unreadable junk, a symlink
    // or not a regular file (a fifo is never opened: that would block the reader).
    public ProgramState? Read(string name)
    {
        var path = PathFor(name);
        var result = ReadBytes(name, out var bytes);
        if (result == FileResult.NotFound)
        {
            return null;
        }

        if (result != FileResult.Ok)
        {
            throw new InvalidDataException(result is FileResult.NotRegular or FileResult.IsSymlink
                ? $"{path} is not a regular file: {FileResultText.Describe(result)}"
                : $"{path}: {FileResultText.Describe(result)}");
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, StateJsonContext.Default.ProgramState) is { Name: var n } state && n == name
                ? state
                : throw new InvalidDataException($"{path} does not hold the state of program '{name}'");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a valid state file: {e.Message}", e);
        }
    }

    // Removes one program's state (a program removed from the config); nothing when there is none.
    public void Delete(string name)
    {
        using var directory = AtomicFile.OpenDirectory(PathFor(name), "remove");
        Span<byte> nameZ = stackalloc byte[Utf8Z.MaxNameBytes];
        var result = directory.Unlink(Utf8Z.Into(name + Extension, nameZ));
        AtomicFile.ThrowOnError(result == FileResult.NotFound ? FileResult.Ok : result, "remove", PathFor(name));
        AtomicFile.ThrowOnError(directory.Sync(), "sync the directory of", PathFor(name));
    }

    // The names of every program with a state file (valid names only; dot-temp files are skipped).
    public IReadOnlyList<string> Names()
    {
        if (DirectoryFd.Open(layout.State, out var directory) != FileResult.Ok)
        {
            return [];
        }

        using (directory)
        {
            return directory.ListNames()
                .Where(n => n.EndsWith(Extension, StringComparison.Ordinal) && Protocol.Names.IsValid(n.AsSpan(0, n.Length - Extension.Length)))
                .Select(n => n[..^Extension.Length])
                .Order(StringComparer.Ordinal)
                .ToList();
        }
    }

    private FileResult ReadBytes(string name, out byte[] bytes)
    {
        bytes = [];
        var opened = DirectoryFd.Open(layout.State, out var directory);
        if (opened != FileResult.Ok)
        {
            return opened;
        }

        using (directory)
        {
            Span<byte> nameZ = stackalloc byte[Utf8Z.MaxNameBytes];
            var result = NativeFiles.OpenRegular(directory.Fd, Utf8Z.Into(name + Extension, nameZ), OpenFlags.ReadOnly, out var fd, out var stat);
            if (result != FileResult.Ok)
            {
                return result;
            }

            try
            {
                if (stat.Size > MaxBytes)
                {
                    return FileResult.TooLarge;
                }

                bytes = new byte[stat.Size];
                result = NativeFiles.ReadAll(fd, bytes, out var read);
                bytes = bytes[..read];
                return result;
            }
            finally
            {
                NativeFiles.Close(fd);
            }
        }
    }
}
