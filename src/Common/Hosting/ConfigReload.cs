using Microsoft.Extensions.Logging;
using Watchdog.Common.Config;
using Watchdog.Common.Protocol;

namespace Watchdog.Common.Hosting;

// A daemon's config read again on SIGHUP (DESIGN.md §5 "Reload"), with the loader and checks of its start. The file
// is read off the loop (Task.Run: a slow disk never holds up the loop); the loop polls Step. A config with errors is
// reported in full: every error logged with its line and column, Rejected for STATUS=, and the file
// state/<daemon>.config-rejected that `watchdog status` reads; the daemon keeps the config it runs. The next good
// load removes the file. Everything but the load runs on the daemon's loop.
internal sealed class ConfigReload(string daemon, string path, ConfigChecks checks, RootLayout layout, ReloadRequests requests, ILogger logger)
{
    public const string RejectedSuffix = ".config-rejected";

    private Task? waiting;
    private Task<(WatchdogConfig? Config, ConfigException? Errors)>? loading;

    // "config rejected, running the previous one: N errors" while the last reload was rejected; null otherwise.
    public string? Rejected { get; private set; }

    public static string RejectedPath(RootLayout layout, string daemon) => Path.Combine(layout.State, daemon + RejectedSuffix);

    // Completes when Step has something to do: a SIGHUP came, or the load it started has ended. Never faults.
    public Task Pending(CancellationToken cancellationToken) => loading ?? (waiting ??= requests.WaitAsync(cancellationToken));

    // The config to apply once a load has ended well; null otherwise (nothing yet, or rejected and reported).
    public WatchdogConfig? Step()
    {
        if (loading is { IsCompleted: true } done)
        {
            loading = null;
            var (config, errors) = done.Result;
            if (config is null)
            {
                Reject(errors!);
                return null;
            }

            Accept();
            return config;
        }

        if (waiting is { IsCompletedSuccessfully: true })
        {
            waiting = null;
            loading = Task.Run(Load);
        }

        return null;
    }

    // The started daemon's config was good: a rejected-config file a previous life left no longer says the truth.
    public void Accept()
    {
        Rejected = null;
        AtomicFile.TryDelete(RejectedPath(layout, daemon));
    }

    // Keys only a restart of the daemon changes, each with whether the reloaded config changes it: the changed ones
    // are named in one warning; the caller keeps their old values.
    public void KeepRestartOnly(IEnumerable<(string Key, bool Changed)> keys)
    {
        var changed = keys.Where(k => k.Changed).Select(k => k.Key).ToList();
        if (changed.Count > 0)
        {
            logger.LogWarning("The config changes {Keys}, which apply only when the {Daemon} restarts; running with the previous values until then", string.Join(", ", changed), daemon);
        }
    }

    // The keys outside the daemons' sections: the root, and the log the logger was built with.
    public static IEnumerable<(string Key, bool Changed)> SharedKeys(WatchdogConfig running, WatchdogConfig next) =>
    [
        ("root", running.Root != next.Root),
        ("log", running.Log != next.Log),
    ];

    private (WatchdogConfig?, ConfigException?) Load()
    {
        try
        {
            return (ConfigLoader.Load(path, checks), null);
        }
        catch (ConfigException e)
        {
            return (null, e);
        }
    }

    private void Reject(ConfigException errors)
    {
        foreach (var error in errors.Errors)
        {
            logger.LogError("Config rejected: {Error}", error.ToString());
        }

        var count = errors.Errors.Count == 1 ? "1 error" : $"{errors.Errors.Count} errors";
        Rejected = $"config rejected, running the previous one: {count}";
        logger.LogError("The reloaded config {Path} has {Count}: running the previous one; fix it and reload again", path, count);
        try
        {
            layout.EnsureCreated(["state"]);
            AtomicFile.Replace(RejectedPath(layout, daemon), System.Text.Encoding.UTF8.GetBytes(errors.Message + "\n"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogError("Cannot write {Path}, so `watchdog status` does not show the rejection: {Error}", RejectedPath(layout, daemon), e.Message);
        }
    }
}
