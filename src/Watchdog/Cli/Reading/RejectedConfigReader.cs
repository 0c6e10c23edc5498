using System.Text;
using Watchdog.Cli.Text;
using Watchdog.Common.Hosting;
using Watchdog.Common.Protocol;

namespace Watchdog.Cli.Reading;

// The config a daemon refused on reload (state/<daemon>.config-rejected, written by ConfigReload): while it exists
// the daemon runs its previous config, and `status` says so (DESIGN.md §5 "Reload").
internal static class RejectedConfigReader
{
    private const int MaxBytes = 64 * 1024;

    // One line per daemon that rejected its config: "restarter: config rejected, running the previous one: <first error>".
    public static IReadOnlyList<string> Read(RootLayout layout, ICollection<string> errors)
    {
        var lines = new List<string>();
        foreach (var daemon in (string[])[DaemonHearts.Restarter, DaemonHearts.Watchdog])
        {
            if (RootFile.TryRead(ConfigReload.RejectedPath(layout, daemon), MaxBytes, errors) is not { } file)
            {
                continue;
            }

            var text = Encoding.UTF8.GetString(file.Bytes.Span).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var first = text.Length > 1 ? $"{text[0]} {text[1]}" : text.FirstOrDefault() ?? "";
            lines.Add(Printable.Escape($"{daemon}: config rejected, running the previous one: {first}"));
        }

        return lines;
    }
}
