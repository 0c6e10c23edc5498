namespace Watchdog.Restarter.Processes;

internal sealed record KillReport(string Summary)
{
    public string Describe() => Summary;
}
