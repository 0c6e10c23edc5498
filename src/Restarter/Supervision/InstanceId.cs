using System.Text;
using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;

namespace Watchdog.Restarter.Supervision;

// The root's instance id (DESIGN.md §2 "Instance and ownership (v2)"): created once as state/instance, never
// changed. Every tag this restarter issues is "<instance-id>.<launch-uuid>", and a tagged process is signalled
// only when its tag carries this id, so another root's restarter on the same host (same tag variable, another
// root) is never touched (issue 14 §1).
internal sealed record InstanceId(string Value)
{
    public const string FileName = "instance";

    // A UUID and its newline: anything longer in the file is not an instance id.
    private const int MaxFileBytes = 64;

    public string NewTag() => $"{Value}.{Guid.NewGuid()}";

    public bool Owns(string tag) =>
        tag.Length > Value.Length + 1 && tag[Value.Length] == '.' && tag.StartsWith(Value, StringComparison.Ordinal);

    // A tag as restarters issued them before instance ids: a bare launch UUID, whose root cannot be told.
    public static bool IsBare(string tag) => Guid.TryParseExact(tag, "D", out _);

    // Reads state/instance, creating it first when it does not exist. It is created with link(2), so two racing
    // creators agree on one id and an existing file is never overwritten. A file that is not a regular file or
    // does not hold a UUID is an error: replacing it would disown every process this root runs.
    public static InstanceId LoadOrCreate(RootLayout layout)
    {
        var path = Path.Combine(layout.State, FileName);
        if (TryRead(layout, path) is { } existing)
        {
            return existing;
        }

        AtomicFile.TryCreateNew(path, Encoding.ASCII.GetBytes(Guid.NewGuid().ToString() + "\n"), durable: true);
        return TryRead(layout, path) ?? throw new IOException($"{path} vanished right after it was created; check what else writes to {layout.State}");
    }

    private static InstanceId? TryRead(RootLayout layout, string path)
    {
        Span<byte> nativePath = stackalloc byte[NativeMethods.MaxPathBytes];
        if (!NativeMethods.TryBuildPath(layout.State, FileName, nativePath, out var length))
        {
            throw new IOException($"the path {path} is too long");
        }

        var native = nativePath[..(length + 1)];
        var result = NativeMethods.StatNoFollow(native, out var stat);
        if (result == FileResult.NotFound)
        {
            return null;
        }

        AtomicFile.ThrowOnError(result, "look at", path);
        if (stat.Kind != FileKind.Regular)
        {
            throw Invalid(path, $"it is a {stat.Kind.ToString().ToLowerInvariant()}, not a regular file");
        }

        Span<byte> content = stackalloc byte[MaxFileBytes + 1];
        AtomicFile.ThrowOnError(NativeMethods.ReadHead(native, content, out var read), "read", path);
        var text = Encoding.ASCII.GetString(content[..read]).Trim();
        return read <= MaxFileBytes && Guid.TryParseExact(text, "D", out var id)
            ? new InstanceId(id.ToString())
            : throw Invalid(path, "it does not hold an instance id (one UUID)");
    }

    private static InvalidDataException Invalid(string path, string why) =>
        new($"{path} is not this root's instance id: {why}. The id names every process this root runs, so the restarter never replaces it: "
            + "put the original file back, or, when none of this root's programs is running, remove it to create a new one");
}
