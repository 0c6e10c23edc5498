using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Watchdog.Cli.Json;

// Source-generated JSON for `--json` (no reflection under NativeAOT); the schema is documented in docs/cli.md.
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(StatusDocument))]
[JsonSerializable(typeof(ProblemsDocument))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    // The attribute's options plus an encoder that leaves quotes and `<>` in report lines as they are: the output
    // is read by people and jq, never embedded in HTML.
    public static CliJsonContext Readable { get; } = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
