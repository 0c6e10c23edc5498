namespace Watchdog.Common.Config;

// A program's `limit:`: more than Restarts within Within gives it up for CoolDown.
internal sealed record LimitOptions(int Restarts, TimeSpan Within, TimeSpan CoolDown);
