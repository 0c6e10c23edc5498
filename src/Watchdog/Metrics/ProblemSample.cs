namespace Watchdog.Metrics;

// One open problem in an exposition; Age: since it was first noticed.
internal readonly record struct ProblemSample(string Name, TimeSpan Age);
