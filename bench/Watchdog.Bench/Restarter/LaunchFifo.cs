using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Watchdog.Bench.Restarter;

// A FIFO on which every launched program writes its pid as its first output: the bench reads it to time a
// relaunch end to end, whichever supervisor launched the program.
internal sealed partial class LaunchFifo : IDisposable
{
    private readonly FileStream fifo;
    private readonly StreamReader lines;

    public LaunchFifo(string path)
    {
        Path = path;
        using (var mkfifo = Process.Start("mkfifo", [path]))
        {
            mkfifo.WaitForExit();
        }

        // O_RDWR: the FIFO always has a writer, so reads block for the next line instead of seeing EOF.
        fifo = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(open(path, 2), ownsHandle: true), FileAccess.Read, 1);
        lines = new StreamReader(fifo, Encoding.ASCII);
    }

    public string Path { get; }

    // The next pid written to the FIFO, and when it was read.
    public (int Pid, long At) NextLaunch()
    {
        var line = lines.ReadLine() ?? throw new InvalidOperationException("the FIFO closed");
        return (int.Parse(line, CultureInfo.InvariantCulture), Stopwatch.GetTimestamp());
    }

    public void Dispose() => lines.Dispose();

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial nint open(string path, int flags);
}
