using Watchdog.Common.Interop;

namespace Watchdog.Common.Protocol;

// The directory protocol (DESIGN.md §2): everything lives below one root.
internal sealed record RootLayout(string Root)
{
    // rwxr-xr-x, whatever the process umask (docs/protocol.md "Modes").
    public const int DirectoryMode = 0x1ED;

    // 0022, the umask both daemons and the writing verbs set: what they create without an explicit mode (a log
    // file, a directory made again) is never group- or world-writable, whatever umask they were started with.
    public const UnixFileMode Umask = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    public string Hearts { get; } = Path.Combine(Root, "hearts");

    public string Problems { get; } = Path.Combine(Root, "problems");

    public string History { get; } = Path.Combine(Root, "history");

    public string State { get; } = Path.Combine(Root, "state");

    public string Down { get; } = Path.Combine(Root, "down");

    public string Heart(string name) => Path.Combine(Hearts, name);

    public string Problem(string name) => Path.Combine(Problems, name);

    public string DownFile(string name) => Path.Combine(Down, name);

    // The protocol directories, by their names below the root.
    public static readonly IReadOnlyList<string> Directories = ["hearts", "problems", "history", "state", "down"];

    // Creates every protocol directory that is missing, mode 0755 (an existing one keeps the mode its operator gave
    // it). Safe to call on every pass. A symlink or a file in place of one is never written through: every such
    // directory is named in one IOException, after the others were made.
    public void EnsureCreated() => EnsureCreated(Directories);

    public void EnsureCreated(IReadOnlyList<string> names)
    {
        if (!Directory.Exists(Root))
        {
            Directory.CreateDirectory(Root);
            File.SetUnixFileMode(Root, (UnixFileMode)DirectoryMode);
        }

        using var root = OpenRoot();
        Span<byte> nameZ = stackalloc byte[Utf8Z.MaxNameBytes];
        List<string>? refused = null;
        foreach (var name in names)
        {
            var z = Utf8Z.Into(name, nameZ);
            var made = NativeFiles.MakeDirectory(root.Fd, z, DirectoryMode);
            var opened = NativeFiles.OpenDirectory(root.Fd, z, out var fd);
            if (opened != FileResult.Ok)
            {
                (refused ??= []).Add($"cannot use {Path.Combine(Root, name)}: {FileResultText.Describe(opened)}");
                continue;
            }

            // mkdirat's mode went through the umask; set it again on the directory just made, through its own fd.
            var moded = made == FileResult.Ok ? NativeFiles.ChangeMode(fd, DirectoryMode) : FileResult.Ok;
            NativeFiles.Close(fd);
            AtomicFile.ThrowOnError(made is FileResult.Ok or FileResult.Exists ? moded : made, "create", Path.Combine(Root, name));
        }

        if (refused is not null)
        {
            throw new IOException(string.Join("; ", refused));
        }
    }

    private DirectoryFd OpenRoot()
    {
        // The root is the config's own path, so a symlink to it is the operator's choice and is followed: the last
        // component opened is ".", never a symlink. Only the protocol directories below it are refused as symlinks.
        var opened = DirectoryFd.Open(Path.Combine(Root, "."), out var root);
        AtomicFile.ThrowOnError(opened, "open the root", Root);
        return root;
    }
}
