using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;

namespace WebmailLite.Accounts;

/// <summary>
/// The one way to change a Dovecot passwd-file, used by the app and by the test rig alike so that they never race:
/// <list type="number">
/// <item>a lock: a <see cref="SemaphoreSlim"/> per file within the process, and across processes an exclusive
/// <see cref="FileStream"/> on <c>&lt;file&gt;.lock</c> (FileShare.None takes an advisory <c>flock</c> on Unix);</item>
/// <item>read, change, write a temporary file in the same directory (same file system, so the rename is atomic:
/// Dovecot reads either the old file or the new one, never half of one), flushed to disk, with the original's mode
/// and owner (Dovecot's auth process runs as user dovecot and must still read it), then rename over the original;</item>
/// <item>an mtime strictly past the previous one's whole second: Dovecot checks the file at most once a second and
/// re-reads it only when its whole-second mtime or its size changed, so two same-size writes within one second
/// would otherwise lose the second.</item>
/// </list>
/// </summary>
public static class PasswdFileWriter
{
    /// <summary>Margin past the whole second, for Dovecot's cached loop time and its re-read to catch up.</summary>
    public static readonly TimeSpan RereadMargin = TimeSpan.FromMilliseconds(150);

    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> ProcessLocks = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs <paramref name="change"/> on the file's current bytes (empty when it does not exist) under the lock, and
    /// writes what it returns, unless <c>null</c>. Returns its result and when the written file is certainly in use
    /// by Dovecot (<c>null</c> when nothing was written).
    /// </summary>
    public static async Task<(T Result, DateTime? VisibleFromUtc)> UpdateAsync<T>(
        string path, Func<byte[], (byte[]? Content, T Result)> change, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path);
        var processLock = ProcessLocks.GetOrAdd(fullPath, _ => new SemaphoreSlim(1, 1));
        await processLock.WaitAsync(cancellationToken);
        try
        {
            using var fileLock = await AcquireFileLockAsync(fullPath + ".lock", cancellationToken);
            var exists = File.Exists(fullPath);
            var current = exists ? await File.ReadAllBytesAsync(fullPath, cancellationToken) : [];
            var (content, result) = change(current);
            if (content is null)
            {
                return (result, null);
            }

            var previous = exists ? File.GetLastWriteTimeUtc(fullPath) : (DateTime?)null;
            var mtime = NextModificationTime(previous, DateTime.UtcNow);
            var temp = $"{fullPath}.{Environment.ProcessId}.{RandomNumberGenerator.GetHexString(8, lowercase: true)}.tmp";
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
                if (!OperatingSystem.IsWindows())
                {
                    // Created owner-only: the hashes are never readable by others while they are being written;
                    // the original mode is applied below, once the file is whole.
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }
                await using (var stream = new FileStream(temp, options))
                {
                    await stream.WriteAsync(content, cancellationToken);
                    // On disk before the rename: a crash must leave the old file or the whole new one.
                    stream.Flush(flushToDisk: true);
                }
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(temp, exists
                        ? File.GetUnixFileMode(fullPath)
                        : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                    if (exists)
                    {
                        UnixFileOwner.CopyOwner(fullPath, temp);
                    }
                }
                File.SetLastWriteTimeUtc(temp, mtime);
                File.Move(temp, fullPath, overwrite: true);
            }
            catch
            {
                TryDelete(temp);
                throw;
            }
            return (result, VisibleFrom(DateTime.UtcNow));
        }
        finally
        {
            processLock.Release();
        }
    }

    /// <summary>
    /// The mtime for a new version of the file: now, truncated to the second, but strictly later than the previous
    /// version's whole second (it may then run ahead of the clock by a few seconds after a burst of writes; Dovecot
    /// only compares it for equality).
    /// </summary>
    public static DateTime NextModificationTime(DateTime? previousUtc, DateTime nowUtc)
    {
        var now = WholeSecond(nowUtc);
        if (previousUtc is not { } previous)
        {
            return now;
        }
        var previousSecond = WholeSecond(previous);
        return now > previousSecond ? now : previousSecond.AddSeconds(1);
    }

    /// <summary>
    /// When a file written at <paramref name="writtenUtc"/> is certainly the one Dovecot uses: its first lookup in a
    /// later whole second checks the file again (a lookup in the same second may still use the copy it read then).
    /// </summary>
    public static DateTime VisibleFrom(DateTime writtenUtc) => WholeSecond(writtenUtc).AddSeconds(1) + RereadMargin;

    private static DateTime WholeSecond(DateTime utc) =>
        new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    private static async Task<FileStream> AcquireFileLockAsync(string lockPath, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive advisory lock on Unix; the lock file itself stays (empty).
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < LockTimeout)
            {
                await Task.Delay(20, cancellationToken);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left behind: harmless (Dovecot reads only the passwd-file itself), and its name says what it is.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
