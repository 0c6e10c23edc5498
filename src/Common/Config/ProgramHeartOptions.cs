namespace Watchdog.Common.Config;

// One entry of a program's `hearts:` (name → timeout). Not the Heartbeat library's ProgramHeartOptions, which configures
// a heart inside the supervised program.
internal sealed record ProgramHeartOptions(string Name, TimeSpan Timeout);
