using System.Runtime.InteropServices;

namespace WebmailLite.Accounts;

/// <summary>
/// Gives a replacement file the owner of the file it replaces. .NET can copy a file's mode but not its owner; the
/// passwd-file may belong to another user than the app (e.g. root:dovecot), and a rename would otherwise hand it
/// to the app's user. Linux only (<c>statx</c> has one layout on every architecture); elsewhere it does nothing.
/// </summary>
internal static class UnixFileOwner
{
    private const int AtFdCwd = -100;
    private const uint StatxBasicStats = 0x07ff;
    private const int StatxUidOffset = 20;
    private const int StatxGidOffset = 24;

    public static void CopyOwner(string from, string to)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        var source = Owner(from);
        var target = Owner(to);
        if (source is null || target is null || source == target)
        {
            return;
        }
        if (chown(to, source.Value.Uid, source.Value.Gid) != 0)
        {
            throw new UnauthorizedAccessException(
                $"Cannot give the new passwd-file the owner of {from} (uid {source.Value.Uid}, gid {source.Value.Gid}): errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    private static (uint Uid, uint Gid)? Owner(string path)
    {
        var buffer = new byte[256];
        if (statx(AtFdCwd, path, 0, StatxBasicStats, buffer) != 0)
        {
            return null;
        }
        return (BitConverter.ToUInt32(buffer, StatxUidOffset), BitConverter.ToUInt32(buffer, StatxGidOffset));
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", SetLastError = true)]
    private static extern int chown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);
}
