namespace Watchdog.Common.Processes;

// Which processes form one tree. TagEntry: "VARIABLE=value" as it appears in /proc/PID/environ;
// SessionLeader: the tree's first process, whose session (id = its pid, when it is a session leader) belongs to
// the tree.
internal sealed record TreeSelector(string? TagEntry, ProcessIdentity? SessionLeader);
