using System.Runtime.InteropServices;

namespace Watchdog.Common.Interop;

// struct statx (linux/stat.h): 256 bytes, the same layout on every architecture (unlike struct stat).
[StructLayout(LayoutKind.Explicit, Size = 256)]
internal struct StatxBuffer
{
    [FieldOffset(28)]
    public ushort Mode;

    [FieldOffset(32)]
    public ulong Inode;

    [FieldOffset(40)]
    public ulong Size;

    [FieldOffset(96)]
    public long ChangedSeconds;

    [FieldOffset(104)]
    public uint ChangedNanoseconds;

    [FieldOffset(112)]
    public long ModifiedSeconds;

    [FieldOffset(120)]
    public uint ModifiedNanoseconds;

    public readonly FileStat ToStat() => new(
        KindOf(Mode),
        Inode,
        (long)Size,
        DateTimeOffset.UnixEpoch.AddTicks((ModifiedSeconds * TimeSpan.TicksPerSecond) + (ModifiedNanoseconds / 100)),
        (ChangedSeconds * TimeSpan.TicksPerSecond) + (ChangedNanoseconds / 100));

    private static FileKind KindOf(ushort mode) => (mode & 0xF000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0xA000 => FileKind.Symlink,
        0x1000 => FileKind.Fifo,
        0xC000 => FileKind.Socket,
        0x2000 => FileKind.CharacterDevice,
        0x6000 => FileKind.BlockDevice,
        _ => FileKind.Unknown,
    };
}
