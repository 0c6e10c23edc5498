namespace Deploy.Tests;

// Paths in the source tree the tests run against (deploy/systemd, eng, artifacts).
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Deploy => Path.Combine(Root, "deploy", "systemd");

    public static string InstallScript => Path.Combine(Deploy, "install.sh");

    public static string UninstallScript => Path.Combine(Deploy, "uninstall.sh");

    public static string NamespaceScript => Path.Combine(Root, "tests", "Deploy.Tests", "systemd-ns.sh");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "watchdog.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no watchdog.sln above {AppContext.BaseDirectory}");
    }
}
