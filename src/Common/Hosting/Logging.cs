using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Watchdog.Common.Config;

namespace Watchdog.Common.Hosting;

// Serilog configured in code (Serilog.Settings.Configuration logs nothing under NativeAOT).
internal static class Logging
{
    private const string ConsoleTemplate = "{Timestamp:HH:mm:ss.fff} {Level:u3} {Category:l}: {Message:lj}{NewLine}{Exception}";
    private const string FileTemplate = "{Timestamp:yyyy-MM-dd'T'HH:mm:ss.fffzzz} {Level:u3} {Category:l}: {Message:lj}{NewLine}{Exception}";

    // True when systemd reads our standard output (journald), so lines carry `<N>` level prefixes instead of times.
    public static bool JournalIsReader =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("JOURNAL_STREAM"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NOTIFY_SOCKET"));

    public static Logger CreateLogger(LogOptions options, string application)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(options.Level)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .Enrich.WithProperty("Application", application)
            .Enrich.With<LogCategory>();
        configuration = JournalIsReader
            ? configuration.WriteTo.Console(new JournaldFormatter())
            : configuration.WriteTo.Console(outputTemplate: ConsoleTemplate, standardErrorFromLevel: LogEventLevel.Verbose);
        if (options.File is { } file)
        {
            configuration = configuration.WriteTo.File(file, outputTemplate: FileTemplate, fileSizeLimitBytes: 64L << 20, rollOnFileSizeLimit: true, retainedFileCountLimit: 5);
        }

        return configuration.CreateLogger();
    }

    // A host builder for a daemon: content root at the app's base directory and no reload-on-change watcher
    // (under systemd's WorkingDirectory=/ the watcher walks the whole file system: 28.6 s to READY, measured).
    public static HostApplicationBuilder CreateHostBuilder(Logger logger)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = true,
        });
        builder.Services.AddSerilog(logger, dispose: true);
        return builder;
    }
}
