using System.Runtime.InteropServices;

namespace Watchdog.Common.Interop;

// Descriptors for the output of supervised programs: FIFOs, pipes, an eventfd to wake a poll loop.
internal static unsafe partial class NativeMethods
{
    public const short PollIn = 0x1;
    private const int FSetFl = 4;
    private const int EfdNonBlock = 0x800;
    private const int EfdCloexec = 0x80000;

    // open(2) read-only; -1 when the file is gone or unreadable. For /proc files, where the BCL's extra
    // checks per open cost more than the read.
    public static int OpenReadOnly(string path) => open(path, OpenFlags.ReadOnly | OpenFlags.CloseOnExec, 0);

    // mkfifo(3) with mode 0600; Exists when something already has the name.
    public static FileResult CreateFifo(string path) => NativeFiles.Check(mkfifo(path, 0x180));

    // open(2) of a FIFO read-write, which never blocks and never sees EOF (we are a writer too);
    // nonBlocking for the reader side, blocking for the descriptor handed to a child.
    public static int OpenFifo(string path, bool nonBlocking, out FileResult result) =>
        OpenChecked(path, OpenFlags.ReadWrite | OpenFlags.CloseOnExec | (nonBlocking ? OpenFlags.NonBlock : 0), 0, out result);

    // open(2) for appending (O_APPEND, so several writers never overwrite each other), created 0644.
    public static int OpenAppend(string path, out FileResult result) =>
        OpenChecked(path, OpenFlags.WriteOnly | OpenFlags.Append | OpenFlags.Create | OpenFlags.CloseOnExec, 0x1a4, out result);

    // pipe2(O_CLOEXEC) whose read end is non-blocking and whose write end (for a child) blocks.
    public static bool CreatePipe(out int readFd, out int writeFd)
    {
        var fds = stackalloc int[2];
        if (pipe2(fds, OpenFlags.CloseOnExec) != 0)
        {
            readFd = writeFd = -1;
            return false;
        }

        readFd = fds[0];
        writeFd = fds[1];
        _ = fcntl(readFd, FSetFl, OpenFlags.NonBlock);
        return true;
    }

    // eventfd(2), non-blocking: a poll loop's doorbell.
    public static int CreateEventFd() => eventfd(0, EfdNonBlock | EfdCloexec);

    public static void Ring(int eventFd)
    {
        var one = 1UL;
        _ = write(eventFd, &one, sizeof(ulong));
    }

    // read(2) on a non-blocking descriptor: bytes read, 0 at end of file, -1 when nothing is there now,
    // -2 on an error that will not go away.
    public static int ReadAvailable(int fd, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var n = read(fd, p, (nuint)buffer.Length);
                if (n >= 0)
                {
                    return (int)n;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno != Errno.EINTR)
                {
                    return errno == Errno.EAGAIN ? -1 : -2;
                }
            }
        }
    }

    // poll(2); returns how many entries are ready, 0 on timeout, -1 when interrupted or failed.
    public static int Poll(Span<PollFd> fds, int timeoutMilliseconds)
    {
        fixed (PollFd* p = fds)
        {
            var n = poll(p, (nuint)fds.Length, timeoutMilliseconds);
            return n < 0 ? -1 : n;
        }
    }

    private static int OpenChecked(string path, int flags, int mode, out FileResult result)
    {
        var fd = open(path, flags, mode);
        result = fd >= 0 ? FileResult.Ok : NativeFiles.FromErrno(Marshal.GetLastPInvokeError());
        return fd;
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int mkfifo(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    private static partial int pipe2(int* fds, int flags);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int fcntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    private static partial int eventfd(uint initial, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint write(int fd, void* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int poll(PollFd* fds, nuint count, int timeout);
}

