using Microsoft.Extensions.Logging;
using Watchdog.Common.Config;
using Watchdog.Common.Protocol;
using Watchdog.Common.State;
using Watchdog.Restarter.Cgroups;
using Watchdog.Restarter.Processes;

namespace Watchdog.Restarter.Supervision;

// What every program's supervisor shares: the config, the directories, the OS seam, the clock.
// Random: uniform in [0, 1), for backoff jitter (a fixed sequence in tests). Cgroups: the programs' cgroups where
// the restarter owns a delegated cgroup v2 subtree; null runs every launch in the restarter's own cgroup.
internal sealed record SupervisionContext(
    RestarterOptions Options,
    RootLayout Layout,
    StateStore States,
    HeartWriter Hearts,
    HistoryStore History,
    IProcessHost Host,
    ExitBook Exits,
    TimeProvider Time,
    Func<double> Random,
    ILoggerFactory LoggerFactory,
    ProgramCgroups? Cgroups = null);
