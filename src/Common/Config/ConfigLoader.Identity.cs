using Watchdog.Common.Interop;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Watchdog.Common.Config;

// A program's `user`, `group`, `umask`, `limits` and `environment_file` (DESIGN.md §3, "Identity and limits").
// Users and groups are resolved here, once, from the user database: the child switches to numbers and never
// looks a name up between fork and exec.
internal sealed partial class ConfigLoader
{
    private const string NoLoginShell = "/usr/sbin/nologin";

    // What these keys add to a program; ApplyTo puts them on the options the rest of ReadProgram built.
    private sealed record IdentityKeys(ProgramIdentity? Identity, uint? Umask, ResourceLimits Limits, string? EnvironmentFile, IReadOnlyList<KeyValuePair<string, string>> FileEnvironment)
    {
        // The file's entries override `environment:` (systemd: "settings from these files override Environment=").
        public ProgramOptions ApplyTo(ProgramOptions program)
        {
            var fromFile = FileEnvironment.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
            return program with
            {
                Identity = Identity,
                Umask = Umask,
                Limits = Limits,
                EnvironmentFile = EnvironmentFile,
                Environment = [.. program.Environment.Where(e => !fromFile.Contains(e.Key)), .. FileEnvironment],
            };
        }
    }

    private IdentityKeys ReadIdentityKeys(Map map, string label, string tagVariable)
    {
        var (path, entries) = ReadEnvironmentFile(map, label, tagVariable);
        return new IdentityKeys(ReadIdentity(map, label), ReadUmask(map, label), ReadLimits(Get(map, "limits"), label), path, entries);
    }

    private ProgramIdentity? ReadIdentity(Map map, string label)
    {
        var userNode = Scalar(map, "user", $"{label}.user");
        var groupNode = Scalar(map, "group", $"{label}.group");
        if (userNode is null)
        {
            if (groupNode is not null)
            {
                Error(groupNode, $"{label}.group is set without user; add user: <name or uid> (the program would otherwise run as root)");
            }

            return null;
        }

        if (ResolveUser(userNode, label) is not { } user)
        {
            return null;
        }

        if (groupNode is null)
        {
            var groups = user.Name.Length > 0 ? NativeMethods.GroupList(user.Name, user.Gid) : null;
            return new ProgramIdentity(user.Name, user.Uid, user.Gid, groups ?? [user.Gid], user.Home, user.Shell);
        }

        return ResolveGroup(groupNode, label) is { } gid
            ? new ProgramIdentity(user.Name, user.Uid, gid, [gid], user.Home, user.Shell)
            : null;
    }

    // A name from passwd, or a uid: a uid with no passwd entry is accepted as systemd's numeric User= is, with HOME=/
    // and a shell that refuses logins; its group is the same number unless `group` says otherwise.
    private UserEntry? ResolveUser(YamlScalarNode node, string label)
    {
        var text = node.Value ?? "";
        var numeric = TryId(text, out var uid);
        var found = numeric ? NativeMethods.FindUser(uid, out var user) : NativeMethods.FindUser(text, out user);
        switch (found)
        {
            case UserDbResult.Found:
                return user;
            case UserDbResult.NotFound when numeric:
                return new UserEntry(text, uid, uid, "/", NoLoginShell);
            case UserDbResult.NotFound:
                Error(node, $"{label}.user '{text}' is not a user on this host; create it (useradd --system {text}) or give a numeric uid");
                return null;
            default:
                Error(node, $"{label}.user '{text}': the user database could not be read; check /etc/nsswitch.conf and its services");
                return null;
        }
    }

    private uint? ResolveGroup(YamlScalarNode node, string label)
    {
        var text = node.Value ?? "";
        if (TryId(text, out var gid))
        {
            return gid;
        }

        switch (NativeMethods.FindGroup(text, out gid))
        {
            case UserDbResult.Found:
                return gid;
            case UserDbResult.NotFound:
                Error(node, $"{label}.group '{text}' is not a group on this host; create it (groupadd --system {text}) or give a numeric gid");
                return null;
            default:
                Error(node, $"{label}.group '{text}': the group database could not be read; check /etc/nsswitch.conf and its services");
                return null;
        }
    }

    // A uid_t or gid_t in decimal; (uid_t)-1 means "no change" to setresuid and is never an id.
    private static bool TryId(string text, out uint id) =>
        uint.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id) && id != uint.MaxValue;

    // A quoted string of 3 or 4 octal digits: an unquoted 0027 is octal to YAML 1.1 tools and 27 to YAML 1.2 ones.
    private uint? ReadUmask(Map map, string label)
    {
        if (Scalar(map, "umask", $"{label}.umask") is not { } node)
        {
            return null;
        }

        var text = node.Value ?? "";
        if (node.Style is not (ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted))
        {
            Error(node, $"{label}.umask must be a quoted string of octal digits, e.g. umask: \"0027\"; an unquoted number means octal to some YAML readers and decimal to others");
            return null;
        }

        if (text.Length is < 3 or > 4 || !text.All(c => c is >= '0' and <= '7') || Convert.ToUInt32(text, 8) > 0x1FF)
        {
            Error(node, $"{label}.umask '{text}' is not a umask; write 3 or 4 octal digits from \"000\" to \"0777\", e.g. \"0027\"");
            return null;
        }

        return Convert.ToUInt32(text, 8);
    }
}
