namespace Watchdog.Detector;

// An open problem across passes: how long it has been open and when it was last escalated.
internal sealed class ProblemTrack(string name) : TrackedEntry(name)
{
    // A field, not a property: the mutable struct is updated in place on every pass, without a copy.
    public StalenessClock Clock;

    public bool Announced { get; set; }

    public TimeSpan? LastEscalation { get; set; }

    public Task? Escalation { get; set; }

    // A problem solved and opened again under the same name between two passes is a new problem:
    // its first-noticed mtime differs (appending a report keeps the mtime, so that is not a new one).
    public void Reopened()
    {
        Clock = default;
        Announced = false;
        LastEscalation = null;
    }
}
