using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Restarter.Tests.Processes;

// Keeps every log event with its named properties, so a test can wait for a program's output line.
internal sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<LogEvent> events = new();

    public IReadOnlyList<LogEvent> Events => [.. events];

    // The output lines logged for program, in order.
    public List<string> Lines(string program) =>
        [.. events.Where(e => e.Property("Program") as string == program).Select(e => e.Property("Line") as string ?? "")];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var properties = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        events.Enqueue(new LogEvent(logLevel, formatter(state, exception), [.. properties], exception));
    }
}

internal sealed record LogEvent(LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, object?>> Properties, Exception? Exception)
{
    public object? Property(string name) => Properties.FirstOrDefault(p => p.Key == name).Value;
}
