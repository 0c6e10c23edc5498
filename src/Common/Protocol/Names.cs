namespace Watchdog.Common.Protocol;

// Heart, problem and program names (DESIGN.md §2): `[A-Za-z0-9][A-Za-z0-9._-]{0,127}`.
// Dot-files are never names, so temp files written beside real ones cannot be mistaken for them.
internal static class Names
{
    public const int MaxLength = 128;

    public const string Rule = "1-128 characters from [A-Za-z0-9._-], starting with a letter or digit";

    public static bool IsValid(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > MaxLength || !char.IsAsciiLetterOrDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '.' && c != '_' && c != '-')
            {
                return false;
            }
        }

        return true;
    }
}
