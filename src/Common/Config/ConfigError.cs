namespace Watchdog.Common.Config;

// One thing wrong with the config, where it is. Line and column are 1-based; 0 when the error has no place
// (the file is missing, say).
internal sealed record ConfigError(string File, int Line, int Column, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}: {Message}";
}
