using System.Threading.Channels;
using Watchdog.Common.Config;

namespace Watchdog.Restarter.Processes;

// The OS seam of the restarter: launching, reaping, finding and killing tagged processes, running hooks.
internal interface IProcessHost : IDisposable
{
    ChannelReader<ChildExit> Exits { get; }

    LaunchedProcess Launch(ProgramOptions program, IReadOnlyList<KeyValuePair<string, string>> extraEnvironment);

    void AttachOutput(ProgramOptions program);

    IReadOnlyList<TaggedProcess> FindTagged(string tagVariable);

    Task<KillReport> KillTreeAsync(string tagVariable, string tag, StopOptions stop, CancellationToken cancellationToken);

    bool IsSameProcess(int pid, ulong startTime);

    Task<HookResult> RunHookAsync(IReadOnlyList<string> argv, IReadOnlyList<KeyValuePair<string, string>> environment, TimeSpan timeout, CancellationToken cancellationToken);
}
