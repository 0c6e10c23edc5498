namespace Deploy.Tests;

// A temp directory with `install.sh --destdir` runs into it; the binaries are stand-in scripts unless given.
internal sealed class Staging : IDisposable
{
    private readonly TempDirectory temp = new();

    public Staging(string? binaries = null)
    {
        Binaries = binaries ?? temp.Combine("bin");
        if (binaries is null)
        {
            Directory.CreateDirectory(Binaries);
            WriteBinary("watchdog", "watchdog 1");
            WriteBinary("restarter", "restarter 1");
            WriteBinary("watchdog-launch", "watchdog-launch 1");
        }
    }

    public string Binaries { get; }

    public string Root => temp.Combine("root");

    public string UnitDirectory => Path.Combine(Root, "etc", "systemd", "system");

    public string Config => Path.Combine(Root, "etc", "watchdog", "watchdog.yaml");

    public string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    // Replaces a stand-in binary with a script that prints text.
    public void WriteBinary(string name, string text)
    {
        var path = Path.Combine(Binaries, name);
        File.WriteAllText(path, $"#!/bin/sh\necho '{text}'\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    public Task<ShellResult> InstallAsync(params string[] extra) =>
        Shell.RunAsync(Repository.InstallScript, ["--prebuilt", Binaries, "--destdir", Root, .. extra], deadline: null);

    public Task<ShellResult> UninstallAsync(params string[] extra) =>
        Shell.RunAsync(Repository.UninstallScript, ["--destdir", Root, .. extra], deadline: null);

    public void Dispose() => temp.Dispose();
}
