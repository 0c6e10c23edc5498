namespace Watchdog.Restarter.Processes;

internal sealed record HookResult(string Summary)
{
    public string Describe() => Summary;
}
