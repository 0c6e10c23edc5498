using Watchdog.Common.Config;
using Watchdog.Common.Interop;
using Watchdog.Common.Processes;

namespace Watchdog.Restarter.Processes;

// Launching: posix_spawn of the program itself, or, for a program with a user, umask, rlimits or a cgroup, of
// watchdog-launch, which applies them and then executes the program in the same process (same pid, same start
// time), reporting a failed step through its error pipe before Launch returns.
internal sealed partial class LinuxProcessHost
{
    // How long Launch waits for the launcher's verdict; it does nothing that blocks, so it answers in microseconds.
    private const int LaunchReportTimeoutMilliseconds = 5000;

    public LaunchedProcess Launch(ProgramOptions program, IReadOnlyList<KeyValuePair<string, string>> extraEnvironment, string? cgroup)
    {
        var environment = LaunchEnvironment.Build(Environment.GetEnvironmentVariables(), LauncherCommand.IdentityEnvironment(program), program.Environment, extraEnvironment);
        var output = OpenOutputForChild(program);
        try
        {
            return LauncherCommand.IsNeeded(program, cgroup)
                ? LaunchThroughLauncher(program, cgroup, environment, output)
                : LaunchDirectly(program, environment, output);
        }
        finally
        {
            NativeMethods.CloseFd(output);
        }
    }

    private LaunchedProcess LaunchDirectly(ProgramOptions program, List<string> environment, int output)
    {
        var (result, startTime) = Spawn(program.Executable, program.Command, environment, program.Directory, output, errorFd: -1);
        if (!result.Started)
        {
            throw new LaunchException(
                $"could not start program '{program.Name}' ({program.Executable}{(program.Directory is null ? "" : $" in {program.Directory}")}): {result.Error}; "
                + "check that the command exists and is executable, and that the directory exists");
        }

        return new LaunchedProcess(result.Pid, startTime);
    }

    private LaunchedProcess LaunchThroughLauncher(ProgramOptions program, string? cgroup, List<string> environment, int output)
    {
        if (!File.Exists(launcher))
        {
            throw new LaunchException(
                $"program '{program.Name}' sets user, umask, limits or a cgroup, which {LauncherCommand.FileName} applies, but {launcher} is missing; "
                + "install it beside the restarter (eng/publish.sh and deploy/systemd/install.sh do), or remove those keys");
        }

        if (!NativeMethods.CreateErrorPipe(out var readFd, out var writeFd))
        {
            throw new LaunchException($"could not create the launcher's error pipe for program '{program.Name}': the restarter may be out of file descriptors");
        }

        try
        {
            var (result, startTime) = Spawn(launcher, LauncherCommand.Build(launcher, program, cgroup), environment, directory: null, output, writeFd);
            NativeMethods.CloseFd(writeFd);
            writeFd = -1;
            if (!result.Started)
            {
                throw new LaunchException($"could not start {launcher} for program '{program.Name}': {result.Error}; check that it is an executable file");
            }

            var report = NativeMethods.ReadLaunchReport(readFd, LaunchReportTimeoutMilliseconds);
            return report.Failed
                ? throw new LaunchException(LaunchFailure.Describe(program, cgroup, report))
                : new LaunchedProcess(result.Pid, startTime);
        }
        finally
        {
            NativeMethods.CloseFd(readFd);
            if (writeFd >= 0)
            {
                NativeMethods.CloseFd(writeFd);
            }
        }
    }

    // The spawn and the start-time read happen while the reaper holds off, so the child cannot be reaped (and its pid
    // reused) before its start time is known.
    private (SpawnResult Result, ulong StartTime) Spawn(string executable, IReadOnlyList<string> argv, List<string> environment, string? directory, int output, int errorFd) =>
        reaper.WhileNotReaping(() =>
        {
            var spawned = NativeMethods.Spawn(executable, argv, environment, directory, output, errorFd);
            return (spawned, spawned.Started && ProcFs.TryReadStat(spawned.Pid, out var stat) ? stat.StartTime : 0UL);
        });

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
}
