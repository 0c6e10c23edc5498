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

    public static UserDbResult FindGroup(string name, out uint gid)
    {
        var nameZ = NulTerminated(name);
        return Query(GroupSize, (g, b, n, r) => { fixed (byte* z = nameZ) { return getgrnam_r(z, g, b, n, r); } }, static g => *(uint*)(g + 16), out gid);
    }

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

    // One getpw*_r or getgr*_r call: entry is the struct to fill, buffer its strings, result set to entry when found.
    private delegate int EntryCall(byte* entry, byte* buffer, nuint size, byte** result);

    private delegate T EntryRead<T>(byte* entry);

    private static UserDbResult LookUpUser(EntryCall call, out UserEntry? user) =>
        Query(PasswdSize, call, static p => new UserEntry(Text(((byte**)p)[0]), *(uint*)(p + 16), *(uint*)(p + 20), Text(((byte**)p)[4]), Text(((byte**)p)[5])), out user);

    // Calls with a buffer grown while the call says ERANGE; read runs while the buffer the entry points into is pinned.
    private static UserDbResult Query<T>(int entrySize, EntryCall call, EntryRead<T> read, out T? value)
    {
        value = default;
        var entry = stackalloc byte[entrySize];
        for (var size = 4096; size <= MaxBuffer; size *= 4)
        {
            var buffer = new byte[size];
            byte* result = null;
            int rc;
            fixed (byte* b = buffer)
            {
                rc = call(entry, b, (nuint)size, &result);
                if (rc == 0 && result is not null)
                {
                    value = read(entry);
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

    [LibraryImport("libc", EntryPoint = "getgrouplist")]
    private static partial int getgrouplist(byte* user, uint group, uint* groups, int* count);
}
