using System.Runtime.InteropServices;

namespace Watchdog.Common.Interop;

// open(2) flags. Most are the same on every Linux architecture (asm-generic/fcntl.h), but arm and arm64 move four of
// them (arch/arm64/include/uapi/asm/fcntl.h): taking x86_64's O_NOFOLLOW on arm64 asks for O_LARGEFILE and follows
// the symlink it was meant to refuse. This is the only place the values are written; the Heartbeat library
// compiles this file too, so the two can never drift apart again.
internal readonly record struct OpenFlags(int Directory, int NoFollow, int LargeFile, int Direct)
{
    public const int ReadOnly = 0x0;
    public const int WriteOnly = 0x1;
    public const int ReadWrite = 0x2;
    public const int Create = 0x40;
    public const int Exclusive = 0x80;
    public const int NoCtty = 0x100;
    public const int Append = 0x400;
    public const int NonBlock = 0x800;
    public const int CloseOnExec = 0x80000;

    // asm-generic/fcntl.h: x86_64, x86, riscv64, loongarch64.
    public static readonly OpenFlags Generic = new(Directory: 0x10000, NoFollow: 0x20000, LargeFile: 0x8000, Direct: 0x4000);

    // arch/arm64/include/uapi/asm/fcntl.h (the same as 32-bit arm's).
    public static readonly OpenFlags Arm = new(Directory: 0x4000, NoFollow: 0x8000, LargeFile: 0x20000, Direct: 0x10000);

    public static readonly OpenFlags Current = For(RuntimeInformation.ProcessArchitecture)
        ?? throw new PlatformNotSupportedException($"open(2) flag values are not known for {RuntimeInformation.ProcessArchitecture}: watchdog supports x64, x86, arm64, arm, riscv64 and loongarch64.");

    // null for an architecture whose table is not written here: guessing would be the arm64 bug again.
    public static OpenFlags? For(Architecture architecture) => architecture switch
    {
        Architecture.X64 or Architecture.X86 or Architecture.RiscV64 or Architecture.LoongArch64 => Generic,
        Architecture.Arm64 or Architecture.Arm => Arm,
        _ => null,
    };
}
