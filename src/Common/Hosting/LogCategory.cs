using Serilog.Core;
using Serilog.Events;

namespace Watchdog.Common.Hosting;

// Short logger categories on every line: the type's name (`LinuxProcessHost`, not
// `Watchdog.Restarter.Processes.LinuxProcessHost`), or the program's name for a program's own supervisor.
internal sealed class LogCategory : ILogEventEnricher
{
    public const string Property = "Category";

    private const string ProgramPrefix = "program:";

    // The category of the logger that supervises one program; its short form is the program's name as it is
    // (names may contain dots).
    public static string ForProgram(string name) => ProgramPrefix + name;

    public static string Short(string context) =>
        context.StartsWith(ProgramPrefix, StringComparison.Ordinal) ? context[ProgramPrefix.Length..] : context[(context.LastIndexOf('.') + 1)..];

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (logEvent.Properties.TryGetValue("SourceContext", out var source) && source is ScalarValue { Value: string context })
        {
            logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty(Property, Short(context)));
        }
    }
}
