using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Watchdog.Common.Config;
using Watchdog.Common.Interop;
using Watchdog.Common.Processes;
using Watchdog.Common.Protocol;

namespace Watchdog.Restarter.Processes;

// The real IProcessHost: posix_spawn, /proc, pidfds, waitpid. Only one may exist per process (see ChildReaper).
//
// Output scheme. A program's stdout and stderr go to a FIFO, <root>/state/output/<name>, unless
// program.Output names a file (then they are appended to it, O_APPEND, opened here and dup'ed into the
// child). The restarter holds the FIFO open O_RDWR|O_NONBLOCK and reads it on the output pump's thread;
// the child gets it opened O_RDWR too (a separate, blocking open file description). So the FIFO always has
// a reader and a writer: when the restarter is SIGKILLed the program gets no SIGPIPE and keeps running (its
// writes block once the 64 KiB FIFO buffer is full), and the restarter never sees EOF. When the restarter
// comes back and adopts the program, AttachOutput opens the same FIFO again and drains what waited there.
internal sealed partial class LinuxProcessHost : IProcessHost
{
    private readonly RootLayout layout;
    private readonly ILogger<LinuxProcessHost> logger;
    private readonly TimeProvider time;
    private readonly ChildReaper reaper;
    private readonly OutputPump pump;
    private readonly TreeKiller killer;
    private readonly AdoptedExits adopted = new();
    private readonly string launcher;

    // launcher: watchdog-launch, by default beside the restarter's executable.
    public LinuxProcessHost(RootLayout layout, ILogger<LinuxProcessHost> logger, TimeProvider time, string? launcher = null)
    {
        this.layout = layout;
        this.launcher = launcher ?? LauncherCommand.DefaultPath;
        this.logger = logger;
        this.time = time;
        reaper = new ChildReaper(time, logger);
        pump = new OutputPump(logger);
        killer = new TreeKiller(time, logger);
    }

    public ChannelReader<ChildExit> Exits => reaper.Exits;

    public string OutputDirectory => Path.Combine(layout.State, "output");

    public string OutputPath(string programName) => Path.Combine(OutputDirectory, programName);

    public void AttachOutput(ProgramOptions program)
    {
        if (program.Output is null && !pump.Has(program.Name))
        {
            AttachFifo(program.Name);
        }
    }

    public void ReleaseOutput(string programName)
    {
        pump.Remove(programName);
        AtomicFile.TryDelete(OutputPath(programName));
    }

    public IReadOnlyList<TaggedProcess> FindTagged(string tagVariable)
    {
        var self = Environment.ProcessId;
        var prefix = Encoding.UTF8.GetBytes(tagVariable + "=");
        var found = new List<TaggedProcess>();
        Span<byte> value = stackalloc byte[ProcFs.MaxTagBytes];
        foreach (var pid in ProcFs.EnumeratePids())
        {
            if (pid != self
                && ProcFs.FindVariable(pid, prefix, value, out var length) == EnvironLookup.Found
                && ProcFs.TryReadStat(pid, out var stat)
                && !stat.HasExited)
            {
                found.Add(new TaggedProcess(pid, Encoding.UTF8.GetString(value[..length]), stat.StartTime));
            }
        }

        return found;
    }

    public Task<KillReport> KillTreeAsync(string tagVariable, string tag, LaunchedProcess? main, StopOptions stop, CancellationToken cancellationToken) =>
        killer.KillAsync(new TreeSelector($"{tagVariable}={tag}", main is null ? null : new ProcessIdentity(main.Pid, main.StartTime)), stop, cancellationToken);

    public bool IsSameProcess(int pid, ulong startTime) => ProcFs.IsSameProcess(pid, startTime);

    public bool WatchAdopted(LaunchedProcess process, Action exited) =>
        adopted.Watch(process.Pid, () => IsSameProcess(process.Pid, process.StartTime), exited);

    public void Dispose()
    {
        adopted.Dispose();
        pump.Dispose();
        reaper.Dispose();
    }

    // A fresh FIFO for a program started anew; whatever had the name before (an old FIFO no one uses any
    // more, or a stray file) goes.
    private void ReplaceFifo(string name)
    {
        var path = OutputPath(name);
        try
        {
            Directory.CreateDirectory(OutputDirectory);
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LaunchException($"could not prepare the output FIFO '{path}' of program '{name}': {e.Message}", e);
        }

        var result = NativeMethods.CreateFifo(path);
        if (result != FileResult.Ok)
        {
            throw new LaunchException($"could not create the output FIFO '{path}' of program '{name}': {Describe(result)}; check that {OutputDirectory} is writable");
        }
    }

    private void AttachFifo(string name)
    {
        var path = OutputPath(name);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(OutputDirectory);
            _ = NativeMethods.CreateFifo(path);
        }

        var fd = NativeMethods.OpenFifo(path, nonBlocking: true, out var result);
        if (fd < 0)
        {
            logger.LogWarning("Cannot read the output of {Program} from {Path}: {Result}", name, path, Describe(result));
            return;
        }

        pump.Add(name, fd, untilEndOfFile: false);
    }

    private static string Describe(FileResult result) => result switch
    {
        FileResult.NotFound => "a directory on the path does not exist",
        FileResult.Denied => "permission denied",
        FileResult.NoSpace => "no space left",
        FileResult.ReadOnly => "the file system is read-only",
        FileResult.Exists => "the name is taken",
        _ => "the call failed",
    };
}
