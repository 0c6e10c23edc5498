using Microsoft.Extensions.Logging;

namespace Watchdog.Tests.Support;

/// One event a CapturingLogger kept; Properties are the message template's named values.
public sealed record LogEvent(LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, object?>> Properties, Exception? Exception)
{
    public object? Property(string name) => Properties.FirstOrDefault(p => p.Key == name).Value;
}
