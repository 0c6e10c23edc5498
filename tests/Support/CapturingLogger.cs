using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Watchdog.Tests.Support;

/// Keeps every log event (level, message, named properties, exception), so a test can count or inspect what was
/// said. It is also its own factory: every logger created from it records here, so one instance serves code that
/// takes an ILogger, an ILogger&lt;T&gt; (through Logger&lt;T&gt;) or an ILoggerFactory.
public sealed class CapturingLogger : ILogger, ILoggerFactory
{
    private readonly ConcurrentQueue<LogEvent> events = new();

    public IReadOnlyList<LogEvent> Events => [.. events];

    public int Count(LogLevel level) => events.Count(e => e.Level == level);

    /// How many messages contain fragment.
    public int Count(string fragment) => events.Count(e => e.Message.Contains(fragment, StringComparison.Ordinal));

    public int Warnings => events.Count(e => e.Level >= LogLevel.Warning);

    public ILogger<T> For<T>() => new Logger<T>(this);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var properties = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        events.Enqueue(new LogEvent(logLevel, formatter(state, exception), [.. properties], exception));
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider) =>
        throw new NotSupportedException("a capturing logger records everything itself; it takes no providers");

    public void Dispose()
    {
        // Nothing to release: the events stay readable after the code under test disposed its factory.
    }
}
