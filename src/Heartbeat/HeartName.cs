namespace Watchdog.Heartbeat;

// Heart names per DESIGN.md §2: `[A-Za-z0-9][A-Za-z0-9._-]{0,127}`. Dot-files are temp files, never hearts.
internal static class HeartName
{
    public const int MaxLength = 128;

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

    public static void Validate(string name, string paramName)
    {
        ArgumentNullException.ThrowIfNull(name, paramName);
        if (!IsValid(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid heart name: use 1-128 characters from A-Z, a-z, 0-9, '.', '_' and '-', starting with a letter or a digit.",
                paramName);
        }
    }
}
