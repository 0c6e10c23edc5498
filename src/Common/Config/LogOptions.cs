using Serilog.Events;

namespace Watchdog.Common.Config;

// `log:` — the console always; a file too when File is set.
internal sealed record LogOptions(LogEventLevel Level, string? File);
