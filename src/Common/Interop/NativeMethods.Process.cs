using System.Runtime.InteropServices;

namespace Watchdog.Common.Interop;

// Process calls the BCL does not expose (System.Diagnostics.Process cannot create a session, leaves SIGPIPE
// ignored in the child, and its SIGCHLD handling can steal the exit status of children it did not start).
internal static unsafe partial class NativeMethods
{
    private const short PosixSpawnSetSigDef = 0x04;
    private const short PosixSpawnSetSigMask = 0x08;
    private const short PosixSpawnSetSid = 0x80;
    private const int WNoHang = 1;
    private const int WAll = 0x40000000;
    private const int PrSetChildSubreaper = 36;

    // glibc 2.36 on x86_64 uses 336 and 80 bytes; generous room costs nothing and survives a layout change.
    private const int SpawnStructSize = 1024;
    private const int SigSetSize = 128;

    // posix_spawn(3) of executable (an absolute path) in a new session (POSIX_SPAWN_SETSID), with an empty
    // signal mask and every signal at its default disposition (SETSIGMASK|SETSIGDEF: an ignored SIGPIPE is
    // inherited through exec otherwise), stdin from /dev/null, outputFd as fds 1 and 2, every other
    // descriptor closed (closefrom_np, glibc 2.34) and cwd = directory when given (addchdir_np, glibc 2.29).
    // errorFd, when not -1, becomes the child's fd 3 (watchdog-launch's error pipe) and only fds above it are closed.
    public static SpawnResult Spawn(string executable, IReadOnlyList<string> argv, IReadOnlyList<string> environment, string? directory, int outputFd, int errorFd = -1)
    {
        var attr = NativeMemory.AllocZeroed(SpawnStructSize);
        var actions = NativeMemory.AllocZeroed(SpawnStructSize);
        var mask = NativeMemory.AllocZeroed(SigSetSize);
        var defaults = NativeMemory.AllocZeroed(SigSetSize);
        var argvp = ToNative(argv);
        var envp = ToNative(environment);
        var attrReady = false;
        var actionsReady = false;
        try
        {
            var rc = posix_spawnattr_init(attr);
            attrReady = rc == 0;
            actionsReady = rc == 0 && (rc = posix_spawn_file_actions_init(actions)) == 0;
            if (rc != 0 || (rc = Prepare(attr, actions, mask, defaults, directory, outputFd, errorFd)) != 0)
            {
                return new SpawnResult(0, $"preparing posix_spawn failed: {Marshal.GetPInvokeErrorMessage(rc)}");
            }

            int pid;
            rc = posix_spawn(&pid, executable, actions, attr, argvp, envp);
            return rc == 0 ? new SpawnResult(pid, null) : new SpawnResult(0, Marshal.GetPInvokeErrorMessage(rc));
        }
        finally
        {
            if (actionsReady)
            {
                _ = posix_spawn_file_actions_destroy(actions);
            }

            if (attrReady)
            {
                _ = posix_spawnattr_destroy(attr);
            }

            FreeNative(argvp, argv.Count);
            FreeNative(envp, environment.Count);
            NativeMemory.Free(defaults);
            NativeMemory.Free(mask);
            NativeMemory.Free(actions);
            NativeMemory.Free(attr);
        }
    }

    private static int Prepare(void* attr, void* actions, void* mask, void* defaults, string? directory, int outputFd, int errorFd)
    {
        int rc;
        // Every signal 1-64 back to SIG_DFL, including glibc's internal 32 and 33, which sigfillset leaves out
        // and posix_spawn would otherwise leave ignored in the child (SigIgn 0x180000000).
        if (sigemptyset(mask) != 0 || sigemptyset(defaults) != 0)
        {
            return Errno.EINVAL;
        }

        *(ulong*)defaults = ulong.MaxValue;

        if ((rc = posix_spawnattr_setsigmask(attr, mask)) != 0
            || (rc = posix_spawnattr_setsigdefault(attr, defaults)) != 0
            || (rc = posix_spawnattr_setflags(attr, PosixSpawnSetSid | PosixSpawnSetSigMask | PosixSpawnSetSigDef)) != 0
            || (rc = posix_spawn_file_actions_addopen(actions, 0, "/dev/null", 0, 0)) != 0
            || (rc = posix_spawn_file_actions_adddup2(actions, outputFd, 1)) != 0
            || (rc = posix_spawn_file_actions_adddup2(actions, outputFd, 2)) != 0
            || (errorFd >= 0 && (rc = posix_spawn_file_actions_adddup2(actions, errorFd, LauncherErrorFd)) != 0)
            || (rc = posix_spawn_file_actions_addclosefrom_np(actions, errorFd >= 0 ? LauncherErrorFd + 1 : 3)) != 0)
        {
            return rc;
        }

        return directory is null ? 0 : posix_spawn_file_actions_addchdir_np(actions, directory);
    }

    // One waitpid(-1, WNOHANG|__WALL).
    public static ReapResult ReapOne()
    {
        while (true)
        {
            int status;
            var pid = waitpid(-1, &status, WNoHang | WAll);
            if (pid > 0)
            {
                return new ReapResult(ReapOutcome.Reaped, pid, status);
            }

            if (pid == 0)
            {
                return new ReapResult(ReapOutcome.NoneReady, 0, 0);
            }

            if (Marshal.GetLastPInvokeError() != Errno.EINTR)
            {
                return new ReapResult(ReapOutcome.NoChildren, 0, 0);
            }
        }
    }

    // prctl(PR_SET_CHILD_SUBREAPER): orphaned descendants are re-parented to us instead of to init, so their
    // exits reach our waitpid.
    public static bool SetChildSubreaper(bool on) => prctl(PrSetChildSubreaper, on ? 1u : 0u, 0, 0, 0) == 0;

    // pidfd_open(2); null with why when it failed (Gone: no such process).
    public static PidFdHandle? OpenPidFd(int pid, out SignalResult failure)
    {
        var fd = pidfd_open(pid, 0);
        if (fd >= 0)
        {
            failure = SignalResult.Sent;
            return new PidFdHandle(fd);
        }

        failure = SignalOutcome(Marshal.GetLastPInvokeError());
        return null;
    }

    // pidfd_send_signal(2): reaches exactly the process the pidfd was opened for, or nobody.
    public static SignalResult SendSignal(PidFdHandle process, int signal)
    {
        var added = false;
        process.DangerousAddRef(ref added);
        try
        {
            return pidfd_send_signal((int)process.DangerousGetHandle(), signal, IntPtr.Zero, 0) == 0
                ? SignalResult.Sent
                : SignalOutcome(Marshal.GetLastPInvokeError());
        }
        finally
        {
            if (added)
            {
                process.DangerousRelease();
            }
        }
    }

    private static SignalResult SignalOutcome(int errno) => errno switch
    {
        Errno.ESRCH => SignalResult.Gone,
        Errno.EPERM => SignalResult.Denied,
        _ => SignalResult.Failed,
    };

    internal static bool CloseFd(int fd) => NativeFiles.Close(fd);

    private static byte** ToNative(IReadOnlyList<string> strings)
    {
        var array = (byte**)NativeMemory.AllocZeroed((nuint)(strings.Count + 1), (nuint)sizeof(byte*));
        for (var i = 0; i < strings.Count; i++)
        {
            array[i] = (byte*)Marshal.StringToCoTaskMemUTF8(strings[i]);
        }

        return array;
    }

    private static void FreeNative(byte** array, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Marshal.FreeCoTaskMem((IntPtr)array[i]);
        }

        NativeMemory.Free(array);
    }

    [LibraryImport("libc", EntryPoint = "posix_spawn", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int posix_spawn(int* pid, string path, void* fileActions, void* attr, byte** argv, byte** envp);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_init")]
    private static partial int posix_spawnattr_init(void* attr);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_destroy")]
    private static partial int posix_spawnattr_destroy(void* attr);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setflags")]
    private static partial int posix_spawnattr_setflags(void* attr, short flags);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigmask")]
    private static partial int posix_spawnattr_setsigmask(void* attr, void* sigset);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigdefault")]
    private static partial int posix_spawnattr_setsigdefault(void* attr, void* sigset);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_init")]
    private static partial int posix_spawn_file_actions_init(void* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_destroy")]
    private static partial int posix_spawn_file_actions_destroy(void* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_addopen", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int posix_spawn_file_actions_addopen(void* actions, int fd, string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_adddup2")]
    private static partial int posix_spawn_file_actions_adddup2(void* actions, int fd, int newFd);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_addclosefrom_np")]
    private static partial int posix_spawn_file_actions_addclosefrom_np(void* actions, int from);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_addchdir_np", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int posix_spawn_file_actions_addchdir_np(void* actions, string path);

    [LibraryImport("libc", EntryPoint = "sigemptyset")]
    private static partial int sigemptyset(void* set);

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    private static partial int waitpid(int pid, int* status, int options);

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport("libc", EntryPoint = "pidfd_open", SetLastError = true)]
    private static partial int pidfd_open(int pid, uint flags);

    [LibraryImport("libc", EntryPoint = "pidfd_send_signal", SetLastError = true)]
    private static partial int pidfd_send_signal(int pidfd, int signal, IntPtr info, uint flags);
}
