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

    public LinuxProcessHost(RootLayout layout, ILogger<LinuxProcessHost> logger, TimeProvider time)
    {
        this.layout = layout;
        this.logger = logger;
        this.time = time;
        reaper = new ChildReaper(time, logger);
        pump = new OutputPump(logger);
        killer = new TreeKiller(time, logger);
    }

    public ChannelReader<ChildExit> Exits => reaper.Exits;

    public string OutputDirectory => Path.Combine(layout.State, "output");

    public string OutputPath(string programName) => Path.Combine(OutputDirectory, programName);

    public LaunchedProcess Launch(ProgramOptions program, IReadOnlyList<KeyValuePair<string, string>> extraEnvironment)
    {
        var environment = LaunchEnvironment.Build(Environment.GetEnvironmentVariables(), program.Environment, extraEnvironment);
        var output = OpenOutputForChild(program);
        try
        {
            var (result, startTime) = reaper.WhileNotReaping(() =>
            {
                var spawned = NativeMethods.Spawn(program.Executable, program.Command, environment, program.Directory, output);
                return (spawned, spawned.Started && ProcFs.TryReadStat(spawned.Pid, out var stat) ? stat.StartTime : 0UL);
            });
            if (!result.Started)
            {
                throw new LaunchException(
                    $"could not start program '{program.Name}' ({program.Executable}{(program.Directory is null ? "" : $" in {program.Directory}")}): {result.Error}; "
                    + "check that the command exists and is executable, and that the directory exists");
            }

            return new LaunchedProcess(result.Pid, startTime);
        }
        finally
        {
            NativeMethods.CloseFd(output);
        }
    }

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

    // The descriptor the child gets as stdout and stderr; the caller closes it once the child has it.
    private int OpenOutputForChild(ProgramOptions program)
    {
        if (program.Output is { } file)
        {
            var fd = NativeMethods.OpenAppend(file, out var result);
            return fd >= 0 ? fd
                : throw new LaunchException($"could not open the output file '{file}' of program '{program.Name}': {Describe(result)}; fix the path or its permissions, or remove `output` to log the output");
        }

        var childFd = -1;
        var opened = FileResult.NotFound;
        if (pump.Has(program.Name))
        {
            childFd = NativeMethods.OpenFifo(OutputPath(program.Name), nonBlocking: false, out opened);
        }

        // Not read yet in this life of the restarter, or its FIFO was removed behind our back: start afresh.
        if (opened == FileResult.NotFound)
        {
            pump.Remove(program.Name);
            ReplaceFifo(program.Name);
            AttachFifo(program.Name);
            childFd = NativeMethods.OpenFifo(OutputPath(program.Name), nonBlocking: false, out opened);
        }

        return childFd >= 0 ? childFd
            : throw new LaunchException($"could not open the output FIFO '{OutputPath(program.Name)}' of program '{program.Name}': {Describe(opened)}; check that {OutputDirectory} is writable");
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
