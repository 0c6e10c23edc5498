using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Restarter.Tests.Processes;

namespace Restarter.Tests.Support;

// Every logger it creates keeps its events here, for tests of what the supervisor logs.
internal sealed class CapturingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<LogEvent> events = new();

    public IReadOnlyList<LogEvent> Events => [.. events];

    public ILogger CreateLogger(string categoryName) => new Logger(events);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<LogEvent> events) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            events.Enqueue(new LogEvent(logLevel, formatter(state, exception), state as IReadOnlyList<KeyValuePair<string, object?>> ?? [], exception));
    }
}
