using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Watchdog.Tests.Detector;

// A hand-written logger that keeps every line, so tests can count what was reported.
internal sealed class CapturingLogger : ILogger
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue((logLevel, formatter(state, exception)));

    public int Count(string fragment) => Lines.Count(l => l.Message.Contains(fragment, StringComparison.Ordinal));

    public int Warnings => Lines.Count(l => l.Level >= LogLevel.Warning);
}
