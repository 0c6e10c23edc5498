using System.Text;
using Microsoft.Extensions.Logging;
using Watchdog.Common.Interop;

namespace Watchdog.Restarter.Processes;

// Copies the output of programs and hooks to the log, one log event per line with the program's name.
// One thread polls every source (poll(2)) plus an eventfd doorbell; it alone reads and closes the
// descriptors, so a source removed while being read is never closed under it. Sources are non-blocking:
// a program flooding output slows only this thread (and, once its 64 KiB FIFO is full, itself), never the
// restarter's loops, and each poll round reads at most one chunk per source so no source starves another.
internal sealed class OutputPump : IDisposable
{
    // Longer lines are logged in pieces of this many bytes rather than buffered without bound.
    public const int MaxLineBytes = 8192;
    private const int ChunkBytes = 65536;
    private const int MaxDrainChunks = 16;

    // A line without its '\n' is logged once nothing more has come for this long (a prompt, a dying
    // program's last words).
    private const int PartialLineWaitMilliseconds = 250;

    private readonly ILogger logger;
    private readonly Lock gate = new();
    private readonly List<Source> sources = [];
    private readonly int doorbell;
    private readonly Thread thread;
    private volatile bool stopping;

    public OutputPump(ILogger logger)
    {
        this.logger = logger;
        doorbell = NativeMethods.CreateEventFd();
        if (doorbell < 0)
        {
            throw new InvalidOperationException("eventfd(2) failed: cannot watch program output");
        }

        thread = new Thread(Run) { IsBackground = true, Name = "output pump" };
        thread.Start();
    }

    // Takes ownership of fd. untilEndOfFile: a pipe (a hook) whose source ends at EOF; otherwise a FIFO the
    // pump holds read-write, which never reaches EOF.
    public void Add(string name, int fd, bool untilEndOfFile)
    {
        lock (gate)
        {
            sources.Add(new Source(name, fd, untilEndOfFile));
        }

        NativeMethods.Ring(doorbell);
    }

    public bool Has(string name)
    {
        lock (gate)
        {
            return sources.Exists(s => s.Name == name && !s.Removed);
        }
    }

    // Stops reading name's sources after draining what is already there.
    public void Remove(string name)
    {
        lock (gate)
        {
            foreach (var source in sources.Where(s => s.Name == name))
            {
                source.Removed = true;
            }
        }

        NativeMethods.Ring(doorbell);
    }

    public void Dispose()
    {
        stopping = true;
        NativeMethods.Ring(doorbell);
        thread.Join();
        NativeMethods.CloseFd(doorbell);
    }

    private void Run()
    {
        var chunk = new byte[ChunkBytes];
        var fds = new List<PollFd>();
        var polled = new List<Source>();
        while (true)
        {
            var finished = stopping;
            List<Source> ended;
            lock (gate)
            {
                ended = sources.FindAll(s => s.Removed || finished);
                sources.RemoveAll(ended.Contains);
                polled.Clear();
                polled.AddRange(sources);
            }

            // Outside the lock: logging a drained flood must not hold up Add (a launch) or Has.
            foreach (var source in ended)
            {
                Drain(source, chunk);
                Close(source);
            }

            if (finished)
            {
                return;
            }

            fds.Clear();
            fds.Add(new PollFd { Fd = doorbell, Events = NativeMethods.PollIn });
            fds.AddRange(polled.Select(s => new PollFd { Fd = s.Fd, Events = NativeMethods.PollIn }));
            var ready = fds.ToArray();
            var partial = polled.Exists(s => s.Pending.Length > 0);
            if (NativeMethods.Poll(ready, partial ? PartialLineWaitMilliseconds : -1) == 0 && partial)
            {
                polled.Where(s => s.Pending.Length > 0).ToList().ForEach(Emit);
            }

            if (ready[0].Revents != 0)
            {
                _ = NativeMethods.ReadAvailable(doorbell, chunk.AsSpan(0, sizeof(ulong)));
            }

            for (var i = 1; i < ready.Length; i++)
            {
                if (ready[i].Revents != 0 && !ReadOnce(polled[i - 1], chunk))
                {
                    lock (gate)
                    {
                        sources.Remove(polled[i - 1]);
                    }

                    Close(polled[i - 1]);
                }
            }
        }
    }

    // Reads one chunk; false when the source has ended (EOF of a pipe, or an error).
    private bool ReadOnce(Source source, byte[] chunk)
    {
        var n = NativeMethods.ReadAvailable(source.Fd, chunk);
        if (n > 0)
        {
            Split(source, chunk.AsSpan(0, n));
            return true;
        }

        if (n == 0 && !source.UntilEndOfFile)
        {
            ProcessLog.NotAFifo(logger, source.Name);
        }

        return n == -1;
    }

    // Reads what is waiting, bounded: a program that keeps flooding must not hold up a removal or Dispose.
    private void Drain(Source source, byte[] chunk)
    {
        for (var i = 0; i < MaxDrainChunks && NativeMethods.ReadAvailable(source.Fd, chunk) is > 0 and var n; i++)
        {
            Split(source, chunk.AsSpan(0, n));
        }
    }

    private void Close(Source source)
    {
        if (source.Pending.Length > 0)
        {
            Emit(source);
        }

        NativeMethods.CloseFd(source.Fd);
    }

    private void Split(Source source, ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var newline = data.IndexOf((byte)'\n');
            var piece = newline < 0 ? data : data[..newline];
            var room = MaxLineBytes - source.Pending.Length;
            if (piece.Length > room)
            {
                source.Pending.Append(piece[..room]);
                Emit(source);
                data = data[room..];
                continue;
            }

            source.Pending.Append(piece);
            if (newline < 0)
            {
                return;
            }

            Emit(source);
            data = data[(newline + 1)..];
        }
    }

    private void Emit(Source source)
    {
        var line = source.Pending.Span;
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        ProcessLog.OutputLine(logger, source.Name, Encoding.UTF8.GetString(line));
        source.Pending.Clear();
    }

    private sealed class Source(string name, int fd, bool untilEndOfFile)
    {
        public string Name { get; } = name;

        public int Fd { get; } = fd;

        public bool UntilEndOfFile { get; } = untilEndOfFile;

        public bool Removed { get; set; }

        public LineBuffer Pending { get; } = new(MaxLineBytes);
    }
}
