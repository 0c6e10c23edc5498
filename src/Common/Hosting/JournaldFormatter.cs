using Serilog.Events;
using Serilog.Formatting;

namespace Watchdog.Common.Hosting;

// One line per event with the syslog level prefix journald understands (`<3>` error … `<7>` debug), and no
// timestamp: the journal stamps lines itself.
internal sealed class JournaldFormatter : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output)
    {
        output.Write(logEvent.Level switch
        {
            LogEventLevel.Fatal => "<2>",
            LogEventLevel.Error => "<3>",
            LogEventLevel.Warning => "<4>",
            LogEventLevel.Information => "<6>",
            _ => "<7>",
        });
        if (logEvent.Properties.TryGetValue(LogCategory.Property, out var category) && category is ScalarValue { Value: string name })
        {
            output.Write(name);
            output.Write(": ");
        }

        logEvent.RenderMessage(output);
        if (logEvent.Exception is { } exception)
        {
            output.Write(' ');
            output.Write(exception.ToString().ReplaceLineEndings(" | "));
        }

        output.WriteLine();
    }
}
