using System.Diagnostics;

namespace Restarter.Tests.Support;

// A small tmpfs mounted on a temp directory (the tests run as root), to fill it or make it read-only under a
// running supervisor. Always unmounted on Dispose.
internal sealed class TmpfsRoot : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly string filler;

    public TmpfsRoot(string size = "1m")
    {
        Path = directory.Combine("root");
        Directory.CreateDirectory(Path);
        Run("mount", "-t", "tmpfs", "-o", $"size={size},mode=0755", "tmpfs", Path);
        filler = System.IO.Path.Combine(Path, ".filler");
    }

    public string Path { get; }

    // Writes a dot-file until the file system says ENOSPC.
    public void Fill()
    {
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        var block = new byte[64 * 1024];
        try
        {
            while (true)
            {
                stream.Write(block);
            }
        }
        catch (IOException)
        {
            // Full.
        }
    }

    public void Free() => File.Delete(filler);

    public void ReadOnly(bool on) => Run("mount", "-o", on ? "remount,ro" : "remount,rw", Path);

    public void Dispose()
    {
        Run("umount", "-l", Path);
        directory.Dispose();
    }

    private static void Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {error}");
        }
    }
}
