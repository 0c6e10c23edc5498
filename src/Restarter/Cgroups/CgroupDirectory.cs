using System.Text;
using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;

namespace Watchdog.Restarter.Cgroups;

// One cgroup directory opened with O_NOFOLLOW, and its interface files read and written relative to it: a symlink is
// never followed, a fifo or device never opened (NativeFiles.OpenRegular: statx first, O_NONBLOCK), so nothing under
// /sys/fs/cgroup can make the root restarter block or write somewhere else. Interface files are small: 4 KiB is more
// than any file read here (cgroup.procs of a program tree is counted, not kept).
internal readonly struct CgroupDirectory : IDisposable
{
    private const int ReadLimit = 64 * 1024;

    // fd + 1, so that default(CgroupDirectory) holds no descriptor (and never closes fd 0).
    private readonly int fdPlusOne;

    private CgroupDirectory(int fd, string path)
    {
        fdPlusOne = fd + 1;
        Path = path;
    }

    public string Path { get; }

    private int Fd => fdPlusOne - 1;

    // The last component is opened with O_NOFOLLOW; the ones above it come from /proc/self/mountinfo and
    // /proc/self/cgroup (the kernel's word), or from the restarter's own state.
    public static FileResult Open(string path, out CgroupDirectory opened)
    {
        var result = NativeFiles.OpenDirectory(NativeFiles.AtFdCwd, Utf8Z.Of(path), out var fd);
        opened = result == FileResult.Ok ? new CgroupDirectory(fd, path) : default;
        return result;
    }

    // A child directory by name (one component, never a path), opened relative to this one.
    public FileResult OpenChild(string name, out CgroupDirectory child)
    {
        Span<byte> nameZ = stackalloc byte[Utf8Z.MaxNameBytes];
        var result = NativeFiles.OpenDirectory(Fd, Utf8Z.Into(name, nameZ), out var fd);
        child = result == FileResult.Ok ? new CgroupDirectory(fd, System.IO.Path.Combine(Path, name)) : default;
        return result;
    }

    public FileResult MakeChild(string name)
    {
        Span<byte> nameZ = stackalloc byte[Utf8Z.MaxNameBytes];
        return NativeFiles.MakeDirectory(Fd, Utf8Z.Into(name, nameZ), 0x1ED);
    }

    // rmdir(2) of a child cgroup: the kernel refuses a populated one (EBUSY) or one with children.
    public FileResult RemoveChild(string name)
    {
        Span<byte> nameZ = stackalloc byte[Utf8Z.MaxNameBytes];
        return NativeFiles.Unlink(Fd, Utf8Z.Into(name, nameZ), directory: true);
    }

    public FileResult Read(string file, out string text)
    {
        text = "";
        Span<byte> nameZ = stackalloc byte[Utf8Z.MaxNameBytes];
        var buffer = new byte[ReadLimit];
        var result = NativeFiles.ReadHead(Fd, Utf8Z.Into(file, nameZ), buffer, out var read, out _);
        if (result == FileResult.Ok)
        {
            text = Encoding.ASCII.GetString(buffer, 0, read);
        }

        return result;
    }

    // One write(2) of the whole value: the kernel parses each write of an interface file on its own.
    public FileResult Write(string file, string value)
    {
        Span<byte> nameZ = stackalloc byte[Utf8Z.MaxNameBytes];
        var result = NativeFiles.OpenRegular(Fd, Utf8Z.Into(file, nameZ), OpenFlags.WriteOnly, out var fd, out _);
        if (result != FileResult.Ok)
        {
            return result;
        }

        result = NativeFiles.WriteAll(fd, Encoding.ASCII.GetBytes(value));
        NativeFiles.Close(fd);
        return result;
    }

    public bool Has(string file)
    {
        Span<byte> nameZ = stackalloc byte[Utf8Z.MaxNameBytes];
        return NativeFiles.Stat(Fd, Utf8Z.Into(file, nameZ), out var stat) == FileResult.Ok && stat.Kind == FileKind.Regular;
    }

    // The value of a "key value" line in a flat-keyed file (cgroup.events, memory.events), or null.
    public ulong? ReadKey(string file, string key)
    {
        if (Read(file, out var text) != FileResult.Ok)
        {
            return null;
        }

        foreach (var line in text.Split('\n'))
        {
            var parts = line.Split(' ', 2);
            if (parts.Length == 2 && parts[0] == key && ulong.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
        }

        return null;
    }

    public FileResult ReadXattr(string name, Span<byte> value, out int length) => NativeMethods.ReadXattr(Fd, name, value, out length);

    // flock on the directory, held until this descriptor is closed.
    public LockOutcome Lock(out FileResult error) => NativeMethods.TryLockDirectory(Fd, out error);

    public void Dispose()
    {
        if (fdPlusOne > 0)
        {
            NativeFiles.Close(Fd);
        }
    }
}
