using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Watchdog.Common.Config;

// Stops the YAML events once collections nest deeper than a config ever needs (issue 14: 50,000 nested lists hung
// the loader). The config's own depth is 5 (top → restarter → programs → a program → stop); the limit leaves room.
internal sealed class DepthLimitedParser(IParser inner, int maxDepth, string file) : IParser
{
    private int depth;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        switch (inner.Current)
        {
            case SequenceStart or MappingStart when ++depth > maxDepth:
                var mark = inner.Current.Start;
                throw new ConfigException([new ConfigError(file, (int)mark.Line, (int)mark.Column,
                    $"lists and mappings nest deeper than {maxDepth} levels here; a config needs 5 — is this the right file?")]);
            case SequenceEnd or MappingEnd:
                depth--;
                break;
        }

        return true;
    }
}
