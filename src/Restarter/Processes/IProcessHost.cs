using System.Threading.Channels;
using Watchdog.Common.Config;
using Watchdog.Common.Processes;

namespace Watchdog.Restarter.Processes;

// The OS seam of the restarter: the supervision logic is unit-tested against a hand-written fake,
// LinuxProcessHost is the real one. Only one LinuxProcessHost may exist per process at a time (it owns
// waitpid(-1) and the child-subreaper flag); tests that create one belong to [Collection("processes")].
//
// Change from the first sketch: KillTreeAsync takes the launch's main process, because a process of the
// main session that dropped the tag from its environment is found only through the session id
// (which is the main pid, since every launch is a session leader).
internal interface IProcessHost : IDisposable
{
    // posix_spawn in a new session, default signal dispositions, empty signal mask, only fds 0-2, cwd =
    // program.Directory, stdin = /dev/null, stdout/stderr = the program's output FIFO (or program.Output).
    // Environment: the restarter's own minus the systemd variables (NOTIFY_SOCKET, WATCHDOG_USEC,
    // WATCHDOG_PID, LISTEN_*), overlaid with program.Environment, then extraEnvironment (tag, hearts).
    // cgroup: an absolute cgroup v2 directory the child joins before exec; null leaves it in the restarter's.
    // A program with Identity, Umask or rlimits, or a launch with a cgroup, goes through watchdog-launch, which
    // applies them in the child (cgroup, rlimits, umask, groups, gid, uid, then cwd as the user) before the exec;
    // HOME, USER, LOGNAME and SHELL then come from Identity unless program.Environment sets them.
    // Throws LaunchException saying what failed and what to do.
    LaunchedProcess Launch(ProgramOptions program, IReadOnlyList<KeyValuePair<string, string>> extraEnvironment, string? cgroup);

    // Re-attaches the output FIFO of a program adopted after a restart of the restarter, draining what the
    // program wrote while nobody read.
    void AttachOutput(ProgramOptions program);

    // A program removed from the config: its output FIFO is no longer read, and is removed.
    void ReleaseOutput(string programName);

    // Every live process whose environment holds tagVariable (any value), with that value.
    IReadOnlyList<TaggedProcess> FindTagged(string tagVariable);

    // Kills the whole tree of one launch: every process whose environment has tagVariable=tag, plus every
    // process of main's session (main may be null when only the tag is known). stop.Signal then SIGCONT,
    // wait up to stop.Grace (early once none is left), SIGKILL the rest, rescan until none is left (bounded).
    // PID-reuse-safe (pidfd + start time). Never throws for a process that cannot be signalled: the report
    // names it. Cancellation abandons the kill half-way (OperationCanceledException): an orderly stop of the
    // restarter that must still kill every tree passes CancellationToken.None.
    Task<KillReport> KillTreeAsync(string tagVariable, string tag, LaunchedProcess? main, StopOptions stop, CancellationToken cancellationToken);

    // True when pid is alive (not a zombie) and started at startTime (field 22 of /proc/PID/stat).
    bool IsSameProcess(int pid, ulong startTime);

    // Runs exited once when an adopted main process (not our child: no exit status ever comes) ends, seen through
    // its pidfd. False when it cannot be watched; its end is then seen by the rescan (IsSameProcess).
    bool WatchAdopted(LaunchedProcess process, Action exited);

    // Exits of direct children and of re-parented escapees (the host is a child subreaper), reaped on SIGCHLD
    // with a safety-net reap about every second. Exits of hooks are not written here.
    ChannelReader<ChildExit> Exits { get; }

    // Runs a hook argv (never through a shell) in its own session with the restarter's environment plus
    // environment; bounded by timeout (its session killed when exceeded). Never throws.
    Task<HookOutcome> RunHookAsync(IReadOnlyList<string> argv, IReadOnlyList<KeyValuePair<string, string>> environment, TimeSpan timeout, CancellationToken cancellationToken);
}
