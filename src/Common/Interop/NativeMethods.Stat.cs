using System.Text;

namespace Watchdog.Common.Interop;

// lstat and a bounded read for scanning directories other programs write into: the path is built on the stack
// (no allocation per entry), a symlink is never followed and a fifo is never opened so a scan can never block.
internal static partial class NativeMethods
{
    // PATH_MAX, terminator included.
    public const int MaxPathBytes = 4096;

    // Encodes directory + '/' + name as a NUL-terminated UTF-8 path into buffer; false when it does not fit.
    public static bool TryBuildPath(ReadOnlySpan<char> directory, ReadOnlySpan<char> name, Span<byte> buffer, out int length)
    {
        length = 0;
        if ((directory.Length + name.Length + 2) * 3 > buffer.Length)
        {
            return false;
        }

        length = Encoding.UTF8.GetBytes(directory, buffer);
        if (length == 0 || buffer[length - 1] != (byte)'/')
        {
            buffer[length++] = (byte)'/';
        }

        length += Encoding.UTF8.GetBytes(name, buffer[length..]);
        buffer[length] = 0;
        return true;
    }

    // lstat via statx(2). path must be NUL-terminated.
    public static FileResult StatNoFollow(ReadOnlySpan<byte> path, out FileStat stat) =>
        NativeFiles.Stat(NativeFiles.AtFdCwd, path, out stat);

    // Reads at most buffer.Length bytes from the start of a regular file, never following a symlink nor opening a
    // fifo or device in its place (NativeFiles.OpenRegular), so a scan can never block.
    public static FileResult ReadHead(ReadOnlySpan<byte> path, Span<byte> buffer, out int read) =>
        NativeFiles.ReadHead(NativeFiles.AtFdCwd, path, buffer, out read, out _);
}
