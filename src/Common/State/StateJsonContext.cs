using System.Text.Json.Serialization;

namespace Watchdog.Common.State;

// Source-generated JSON for the state files (no reflection under NativeAOT).
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ProgramState))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
