using System.Text.Json.Serialization;

namespace Watchdog.Cli.Json;

// Source-generated JSON for `--json` (no reflection under NativeAOT); the schema is documented in docs/cli.md.
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(StatusDocument))]
[JsonSerializable(typeof(ProblemsDocument))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
