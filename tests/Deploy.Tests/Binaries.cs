namespace Deploy.Tests;

// The NativeAOT `watchdog` and `restarter` (and the restarter's `watchdog-launch`) the installed units run: $WATCHDOG_BIN when set, else artifacts/bin
// (where CI publishes them first) when it is newer than every source file, else published there by eng/publish.sh.
internal static class Binaries
{
    private static readonly string[] Names = ["watchdog", "restarter", "watchdog-launch"];
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? directory;

    public static async Task<string> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return directory ??= await LocateAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<string> LocateAsync()
    {
        if (Environment.GetEnvironmentVariable("WATCHDOG_BIN") is { Length: > 0 } given)
        {
            return given;
        }

        var published = Path.Combine(Repository.Root, "artifacts", "bin");
        if (IsFresh(published))
        {
            return published;
        }

        var result = await Shell.RunAsync(Path.Combine(Repository.Root, "eng", "publish.sh"), [published], TimeSpan.FromMinutes(10));
        Assert.True(result.ExitCode == 0, result.Describe());
        return published;
    }

    private static bool IsFresh(string dir)
    {
        var binaries = Names.Select(name => new FileInfo(Path.Combine(dir, name))).ToList();
        if (binaries.Any(binary => !binary.Exists))
        {
            return false;
        }

        var built = binaries.Min(binary => binary.LastWriteTimeUtc);
        var sources = Directory.EnumerateFiles(Path.Combine(Repository.Root, "src"), "*", SearchOption.AllDirectories)
            .Where(path => !path.Contains("/bin/", StringComparison.Ordinal) && !path.Contains("/obj/", StringComparison.Ordinal))
            .Concat(Directory.EnumerateFiles(Repository.Root, "Directory.*.props"));
        return sources.All(path => File.GetLastWriteTimeUtc(path) <= built);
    }
}
