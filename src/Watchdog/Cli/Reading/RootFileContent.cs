namespace Watchdog.Cli.Reading;

// What RootFile read: the file's mtime and its first bytes (up to the limit the caller gave).
internal sealed record RootFileContent(DateTimeOffset Modified, ReadOnlyMemory<byte> Bytes);
