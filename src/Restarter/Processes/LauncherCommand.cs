using System.Globalization;
using Watchdog.Common.Config;

namespace Watchdog.Restarter.Processes;

// The argv of watchdog-launch (src/Restarter/Native/watchdog-launch.c) for one launch, and whether a launch needs it
// at all: only a program with a user, a umask, an rlimit or a cgroup goes through it; every other one is
// posix_spawned directly, as fast as before.
internal static class LauncherCommand
{
    public const string FileName = "watchdog-launch";

    // Beside the restarter's own executable (AppContext.BaseDirectory: the NativeAOT binary's directory).
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, FileName);

    public static bool IsNeeded(ProgramOptions program, string? cgroup) =>
        program.Identity is not null || program.Umask is not null || cgroup is not null
        || program.Limits.Nofile is not null || program.Limits.Nproc is not null || program.Limits.Core is not null;

    // [launcher, options..., --, executable, argv0, args...]. The directory is the launcher's --chdir, taken after
    // the switch to the program's user, so it is reached with the program's own permissions.
    public static List<string> Build(string launcher, ProgramOptions program, string? cgroup)
    {
        var argv = new List<string> { launcher };
        if (cgroup is not null)
        {
            argv.AddRange(["--cgroup", cgroup]);
        }

        AddLimit(argv, "nofile", program.Limits.Nofile);
        AddLimit(argv, "nproc", program.Limits.Nproc);
        AddLimit(argv, "core", program.Limits.Core);
        if (program.Umask is { } umask)
        {
            argv.AddRange(["--umask", Convert.ToString(umask, 8).PadLeft(4, '0')]);
        }

        if (program.Identity is { } identity)
        {
            argv.AddRange([
                "--groups", string.Join(',', identity.Groups.Select(g => g.ToString(CultureInfo.InvariantCulture))),
                "--gid", identity.Gid.ToString(CultureInfo.InvariantCulture),
                "--uid", identity.Uid.ToString(CultureInfo.InvariantCulture)]);
        }

        if (program.Directory is not null)
        {
            argv.AddRange(["--chdir", program.Directory]);
        }

        argv.AddRange(["--", program.Executable, .. program.Command]);
        return argv;
    }

    // The identity's variables as systemd sets them for User=, under the configured environment (which wins).
    public static IReadOnlyList<KeyValuePair<string, string>> IdentityEnvironment(ProgramOptions program) =>
        program.Identity is not { } identity ? []
        : [new("HOME", identity.Home), new("USER", identity.UserName), new("LOGNAME", identity.UserName), new("SHELL", identity.Shell)];

    private static void AddLimit(List<string> argv, string name, ulong? value)
    {
        if (value is { } limit)
        {
            var text = limit == ulong.MaxValue ? "infinity" : limit.ToString(CultureInfo.InvariantCulture);
            argv.AddRange(["--rlimit", $"{name}:{text}:{text}"]);
        }
    }
}
