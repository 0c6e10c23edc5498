using System.Runtime.InteropServices;
using Watchdog.Common.Interop;

namespace Watchdog.Tests.Protocol;

// Issue 14 §6: the values below are copied from the kernel headers, in their octal, so a typo in OpenFlags
// cannot hide behind the same typo in hex.
public sealed class OpenFlagsTests
{
    [Fact]
    public void The_x64_table_holds_the_asm_generic_fcntl_h_values()
    {
        var x64 = OpenFlags.For(Architecture.X64);

        Assert.Equal(new OpenFlags(Directory: Octal("00200000"), NoFollow: Octal("00400000"), LargeFile: Octal("00100000"), Direct: Octal("00040000")), x64);
    }

    [Fact]
    public void The_arm64_table_holds_the_arm64_fcntl_h_values()
    {
        var arm64 = OpenFlags.For(Architecture.Arm64);

        Assert.Equal(new OpenFlags(Directory: Octal("040000"), NoFollow: Octal("0100000"), LargeFile: Octal("0400000"), Direct: Octal("0200000")), arm64);
    }

    [Fact]
    public void The_x64_O_NOFOLLOW_is_arm64s_O_LARGEFILE_which_is_why_one_table_per_architecture_exists()
    {
        Assert.Equal(OpenFlags.For(Architecture.X64)!.Value.NoFollow, OpenFlags.For(Architecture.Arm64)!.Value.LargeFile);
        Assert.NotEqual(OpenFlags.For(Architecture.X64)!.Value.NoFollow, OpenFlags.For(Architecture.Arm64)!.Value.NoFollow);
    }

    [Fact]
    public void The_current_table_is_the_one_for_this_process_architecture()
    {
        Assert.Equal(OpenFlags.For(RuntimeInformation.ProcessArchitecture), OpenFlags.Current);
    }

    [Fact]
    public void An_architecture_without_a_written_table_gets_none_rather_than_a_guess()
    {
        Assert.Null(OpenFlags.For(Architecture.Ppc64le));
        Assert.Null(OpenFlags.For(Architecture.S390x));
    }

    [Fact]
    public void The_current_O_NOFOLLOW_really_refuses_a_symlink_on_this_machine()
    {
        using var temp = new TempDirectory();
        File.CreateSymbolicLink(temp.Combine("link"), temp.Path);

        Assert.Equal(FileResult.IsSymlink, Common.Protocol.DirectoryFd.Open(temp.Combine("link"), out _));
    }

    private static int Octal(string digits) => Convert.ToInt32(digits, 8);
}
