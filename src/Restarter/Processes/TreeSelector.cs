namespace Watchdog.Restarter.Processes;

// Which processes form one tree. TagEntry: "VARIABLE=value" as it appears in /proc/PID/environ;
// SessionLeader: the launch's main process, whose session (id = its pid) belongs to the tree.
internal sealed record TreeSelector(string? TagEntry, LaunchedProcess? SessionLeader);
