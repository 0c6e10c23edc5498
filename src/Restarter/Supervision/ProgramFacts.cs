using Watchdog.Common.Protocol;
using Watchdog.Restarter.Processes;

namespace Watchdog.Restarter.Supervision;

// What one pass saw for one program: down/<name>, its open problems, an exit of its main process,
// or (for a program adopted after a restarter restart, which is not our child) its main process gone.
// GoneSeenByPidFd: the adopted main's pidfd reported its end (rather than the rescan finding it gone).
internal sealed record ProgramFacts(bool IsDown, IReadOnlyList<ProblemRecord> Problems, ChildExit? Exit, bool MainGone)
{
    public bool GoneSeenByPidFd { get; init; }
}
