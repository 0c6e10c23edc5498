using System.Runtime.InteropServices;

namespace Watchdog.Common.Interop;

// struct pollfd of poll(2).
[StructLayout(LayoutKind.Sequential)]
internal struct PollFd
{
    public int Fd;
    public short Events;
    public short Revents;
}
