using System.Runtime.InteropServices;

namespace Watchdog.Common.Interop;

// The user and group database (passwd, group, through NSS) with the reentrant calls: the loader resolves a program's
// `user` and `group` once, so the child never looks a name up between fork and exec.
internal static unsafe partial class NativeMethods
{
    // struct passwd and struct group on 64-bit glibc: pointers, then uid_t/gid_t (4 bytes each).
    private const int PasswdSize = 48;
    private const int GroupSize = 32;
    private const int MaxBuffer = 1 << 20;

    public static UserDbResult FindUser(string name, out UserEntry? user)
    {
        var nameZ = NulTerminated(name);
        return LookUpUser((p, b, n, r) => { fixed (byte* z = nameZ) { return getpwnam_r(z, p, b, n, r); } }, out user);
    }

    public static UserDbResult FindUser(uint uid, out UserEntry? user) =>
        LookUpUser((p, b, n, r) => getpwuid_r(uid, p, b, n, r), out user);

    public static UserDbResult FindGroup(string name, out uint gid, out string? groupName)
    {
        var nameZ = NulTerminated(name);
        return LookUpGroup((g, b, n, r) => { fixed (byte* z = nameZ) { return getgrnam_r(z, g, b, n, r); } }, out gid, out groupName);
    }

    public static UserDbResult FindGroup(uint gid, out string? groupName) =>
        LookUpGroup((g, b, n, r) => getgrgid_r(gid, g, b, n, r), out _, out groupName);

    // The user's supplementary groups as initgroups(3) would set them: gid first, then every group listing the user.
    public static IReadOnlyList<uint>? GroupList(string userName, uint gid)
    {
        var nameZ = NulTerminated(userName);
        for (var capacity = 32; capacity <= 65536; capacity *= 4)
        {
            var groups = new uint[capacity];
            var count = capacity;
            int rc;
            fixed (byte* z = nameZ)
            fixed (uint* g = groups)
            {
                rc = getgrouplist(z, gid, g, &count);
            }

            if (rc >= 0)
            {
                return groups[..count];
            }
        }

        return null;
    }

    private delegate int PasswdCall(byte* passwd, byte* buffer, nuint size, byte** result);

    private delegate int GroupCall(byte* group, byte* buffer, nuint size, byte** result);

    private static UserDbResult LookUpUser(PasswdCall call, out UserEntry? user)
    {
        user = null;
        var passwd = stackalloc byte[PasswdSize];
        for (var size = 4096; size <= MaxBuffer; size *= 4)
        {
            var buffer = new byte[size];
            byte* result = null;
            int rc;
            fixed (byte* b = buffer)
            {
                rc = call(passwd, b, (nuint)size, &result);
                if (rc == 0 && result is not null)
                {
                    var p = (byte**)passwd;
                    user = new UserEntry(Text(p[0]), *(uint*)(passwd + 16), *(uint*)(passwd + 20), Text(p[4]), Text(p[5]));
                    return UserDbResult.Found;
                }
            }

            if (rc != Errno.ERANGE)
            {
                return Absent(rc);
            }
        }

        return UserDbResult.Failed;
    }

    private static UserDbResult LookUpGroup(GroupCall call, out uint gid, out string? groupName)
    {
        gid = 0;
        groupName = null;
        var group = stackalloc byte[GroupSize];
        for (var size = 4096; size <= MaxBuffer; size *= 4)
        {
            var buffer = new byte[size];
            byte* result = null;
            int rc;
            fixed (byte* b = buffer)
            {
                rc = call(group, b, (nuint)size, &result);
                if (rc == 0 && result is not null)
                {
                    groupName = Text(((byte**)group)[0]);
                    gid = *(uint*)(group + 16);
                    return UserDbResult.Found;
                }
            }

            if (rc != Errno.ERANGE)
            {
                return Absent(rc);
            }
        }

        return UserDbResult.Failed;
    }

    // getpw*_r(3): "not found" is rc 0 with a null result; some NSS modules report it as ENOENT, ESRCH, EBADF or EPERM.
    private static UserDbResult Absent(int rc) =>
        rc is 0 or Errno.ENOENT or Errno.ESRCH or Errno.EBADF or Errno.EPERM ? UserDbResult.NotFound : UserDbResult.Failed;

    private static byte[] NulTerminated(string text) => System.Text.Encoding.UTF8.GetBytes(text + "\0");

    private static string Text(byte* z) => Marshal.PtrToStringUTF8((IntPtr)z) ?? "";

    [LibraryImport("libc", EntryPoint = "getpwnam_r")]
    private static partial int getpwnam_r(byte* name, byte* passwd, byte* buffer, nuint size, byte** result);

    [LibraryImport("libc", EntryPoint = "getpwuid_r")]
    private static partial int getpwuid_r(uint uid, byte* passwd, byte* buffer, nuint size, byte** result);

    [LibraryImport("libc", EntryPoint = "getgrnam_r")]
    private static partial int getgrnam_r(byte* name, byte* group, byte* buffer, nuint size, byte** result);

    [LibraryImport("libc", EntryPoint = "getgrgid_r")]
    private static partial int getgrgid_r(uint gid, byte* group, byte* buffer, nuint size, byte** result);

    [LibraryImport("libc", EntryPoint = "getgrouplist")]
    private static partial int getgrouplist(byte* user, uint group, uint* groups, int* count);
}
