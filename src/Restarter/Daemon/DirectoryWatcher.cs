using Microsoft.Extensions.Logging;

namespace Watchdog.Restarter.Daemon;

// inotify as a hint: a name created, renamed into place or removed in problems/ or down/ wakes its program at once.
// Events can be lost (queue overflow); the rescan about every second is the safety net.
internal sealed class DirectoryWatcher : IDisposable
{
    private readonly List<FileSystemWatcher> watchers = [];

    public DirectoryWatcher(IEnumerable<string> directories, Action<string?> changed, ILogger logger)
    {
        foreach (var directory in directories)
        {
            var watcher = new FileSystemWatcher(directory)
            {
                NotifyFilter = NotifyFilters.FileName,
                IncludeSubdirectories = false,
            };
            watcher.Created += (_, e) => changed(e.Name);
            watcher.Deleted += (_, e) => changed(e.Name);
            watcher.Renamed += (_, e) => changed(e.Name);
            watcher.Error += (_, e) => logger.LogWarning("Watching {Directory} failed ({Error}); the periodic rescan goes on", directory, e.GetException().Message);
            watcher.EnableRaisingEvents = true;
            watchers.Add(watcher);
        }
    }

    public void Dispose()
    {
        foreach (var watcher in watchers)
        {
            watcher.Dispose();
        }
    }
}
