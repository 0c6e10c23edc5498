namespace Watchdog.Common.Interop;

// A FileResult in words for a message that names the file: "cannot read /x: <this>".
internal static class FileResultText
{
    public static string Describe(FileResult result) => result switch
    {
        FileResult.NotFound => "no such file or directory",
        FileResult.Exists => "it already exists",
        FileResult.Denied => "permission denied",
        FileResult.NoSpace => "no space left on device",
        FileResult.ReadOnly => "read-only file system",
        FileResult.Unsupported => "not supported by this file system",
        FileResult.IsSymlink => "it is a symbolic link, and nothing below the watchdog root is followed; remove it",
        FileResult.NotRegular => "it is not a regular file (a fifo, socket, device or directory), so it is never opened; remove it",
        FileResult.NotDirectory => "it is not a directory; remove it and the daemons recreate it",
        FileResult.TooLarge => "it is larger than any file the protocol writes",
        _ => "the system call failed",
    };
}
