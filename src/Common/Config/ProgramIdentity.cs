namespace Watchdog.Common.Config;

// Who a program runs as (`user`, `group`): resolved from the user database when the config is loaded, so the
// child needs no name lookup between fork and exec. Groups: the supplementary groups (initgroups' list, or only
// Gid when `group` is given). Home and Shell become HOME and SHELL, UserName USER and LOGNAME, as systemd does.
internal sealed record ProgramIdentity(string UserName, uint Uid, uint Gid, IReadOnlyList<uint> Groups, string Home, string Shell);
