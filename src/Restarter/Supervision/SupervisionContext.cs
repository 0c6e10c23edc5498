using Microsoft.Extensions.Logging;
using Watchdog.Common.Config;
using Watchdog.Common.Protocol;
using Watchdog.Common.State;
using Watchdog.Restarter.Processes;

namespace Watchdog.Restarter.Supervision;

// What every program's supervisor shares: the config, the directories, the OS seam, the clock.
// Random: uniform in [0, 1), for backoff jitter (a fixed sequence in tests).
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
    ILoggerFactory LoggerFactory);
