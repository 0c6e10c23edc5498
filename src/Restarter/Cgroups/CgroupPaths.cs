namespace Watchdog.Restarter.Cgroups;

// Where the restarter's own cgroup v2 directory is, from the kernel's own files: the cgroup2 mount in
// /proc/self/mountinfo (proc(5): field 5 is the mount point, the file system type follows the " - " separator) and
// the "0::" line of /proc/self/cgroup (cgroups(7): the v2 hierarchy's entry, on a pure v2 host and a hybrid one).
internal static class CgroupPaths
{
    // The directory of our own cgroup, or null with why.
    public static string? Own(string mountinfo, string procCgroup, out string why)
    {
        var own = procCgroup.Split('\n').FirstOrDefault(line => line.StartsWith("0::", StringComparison.Ordinal))?[3..].Trim();
        if (string.IsNullOrEmpty(own) || !own.StartsWith('/'))
        {
            why = "no cgroup v2 entry in /proc/self/cgroup";
            return null;
        }

        // The last cgroup2 mount wins: a later mount on the same point hides the earlier one.
        (string Root, string Point)? mount = null;
        foreach (var line in mountinfo.Split('\n'))
        {
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-");
            if (separator > 4 && separator + 1 < fields.Length && fields[separator + 1] == "cgroup2")
            {
                mount = (Unescape(fields[3]), Unescape(fields[4]));
            }
        }

        if (mount is not { } found)
        {
            why = "no cgroup2 file system is mounted";
            return null;
        }

        // own is relative to our cgroup namespace's root, as is the root of a mount made in it.
        var relative = found.Root == "/" ? own
            : own == found.Root || own.StartsWith(found.Root + "/", StringComparison.Ordinal) ? own[found.Root.Length..]
            : null;
        if (relative is null)
        {
            why = $"our cgroup {own} is outside the cgroup2 mount at {found.Point}";
            return null;
        }

        why = "";
        return found.Point.TrimEnd('/') + (relative == "/" ? "" : relative);
    }

    // mountinfo escapes space, tab, newline and backslash as \ooo.
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var text = new System.Text.StringBuilder();
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field.AsSpan(i + 1, 3)))
            {
                text.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }

        return text.ToString();
    }

    private static bool IsOctal(ReadOnlySpan<char> digits) => digits[0] is >= '0' and <= '7' && digits[1] is >= '0' and <= '7' && digits[2] is >= '0' and <= '7';
}
