using Serilog.Events;
using Serilog.Parsing;
using Watchdog.Common.Hosting;

namespace Watchdog.Tests.Hosting;

public sealed class LogCategoryTests
{
    [Theory]
    [InlineData("Watchdog.Restarter.Processes.LinuxProcessHost", "LinuxProcessHost")]
    [InlineData("Watchdog.Common.Hosting.SelfHeart", "SelfHeart")]
    [InlineData("program:api.v2", "api.v2")]
    [InlineData("Plain", "Plain")]
    public void A_category_is_shortened_to_the_type_or_the_program_name(string context, string expected) =>
        Assert.Equal(expected, LogCategory.Short(context));

    [Fact]
    public void Journal_lines_carry_the_short_category()
    {
        var logEvent = new Serilog.Events.LogEvent(
            DateTimeOffset.UnixEpoch,
            LogEventLevel.Warning,
            exception: null,
            new MessageTemplateParser().Parse("p0 killed"),
            [new LogEventProperty("SourceContext", new ScalarValue(LogCategory.ForProgram("p0")))]);
        new LogCategory().Enrich(logEvent, new PropertyFactory());
        using var output = new StringWriter();

        new JournaldFormatter().Format(logEvent, output);

        Assert.Equal("<4>p0: p0 killed" + Environment.NewLine, output.ToString());
    }

    private sealed class PropertyFactory : Serilog.Core.ILogEventPropertyFactory
    {
        public LogEventProperty CreateProperty(string name, object? value, bool destructureObjects = false) => new(name, new ScalarValue(value));
    }
}
