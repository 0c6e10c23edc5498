namespace Watchdog.Common.Config;

// A program's `stop:`. Signal: the signal number (SIGTERM = 15).
internal sealed record StopOptions(int Signal, string SignalName, TimeSpan Grace);
