using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebmailLite.Accounts;
using WebmailLite.Mail;

namespace WebmailLite.Tests.Accounts;

public sealed class PasswdFileAccountDirectoryTests : IDisposable
{
    private const string Header = "# Comptes de test\n\n";

    private readonly string _folder = Directory.CreateTempSubdirectory("webmaillite-passwd-").FullName;
    private readonly string _passwd;
    private readonly string _contacts;

    public PasswdFileAccountDirectoryTests()
    {
        _passwd = Path.Combine(_folder, "users");
        _contacts = Path.Combine(_folder, "contacts");
        File.WriteAllText(_passwd, Header
            + "cmartin-ab12cd:{SSHA512}b2xkaGFzaA==::::::\n"
            + "jbernard:{SHA512-CRYPT}$6$salt$hash:1000:1000:Julien Bernard:/home/jbernard::userdb_quota_rule=*:storage=1G\n"
            + "c.durand@ac-autre.fr:{PLAIN}x::::::\n");
        File.WriteAllText(_contacts, "# identifiant adresse\ncmartin-ab12cd\tcamille.martin@laposte.net\nc.durand@ac-autre.fr cd@exemple.fr\ninconnu i@exemple.fr\n");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Cost 4, bcrypt's least: these tests are about the file, not the hash's strength.
    private PasswdFileAccountDirectory NewDirectory(string? domain = "ac-test.fr", bool contacts = true) => new(
        Options.Create(new AccountsOptions { PasswdFile = _passwd, ContactsFile = contacts ? _contacts : null, PasswordHashCost = 4 }),
        Options.Create(new MailOptions { AddressDomain = domain }),
        NullLogger<PasswdFileAccountDirectory>.Instance);

    [Theory]
    [InlineData("cmartin-ab12cd", "cmartin-ab12cd")]
    [InlineData(" CMARTIN-AB12CD ", "cmartin-ab12cd")]
    [InlineData("JBernard", "jbernard")]
    [InlineData("inconnu", null)]
    public async Task CanonicalIdentifierAsync_IgnoresCase_ReturnsTheFilesSpelling(string identifier, string? expected)
    {
        var directory = NewDirectory();

        Assert.Equal(expected, await directory.CanonicalIdentifierAsync(identifier, CancellationToken.None));
        Assert.Equal(expected is not null, await directory.ExistsAsync(identifier, CancellationToken.None));
    }

    [Theory]
    [InlineData("CMartin-ab12cd", "camille.martin@laposte.net")]
    [InlineData("c.durand@ac-autre.fr", "cd@exemple.fr")]
    [InlineData("jbernard", null)]
    [InlineData("inconnu", null)] // listed in the contacts file, but no such account: nothing
    public async Task ContactAddressAsync_ComesFromTheContactsFile_ForExistingAccountsOnly(string identifier, string? expected)
    {
        Assert.Equal(expected, await NewDirectory().ContactAddressAsync(identifier, CancellationToken.None));
    }

    [Fact]
    public async Task ContactAddressAsync_WithoutAContactsFile_IsNull()
    {
        Assert.Null(await NewDirectory(contacts: false).ContactAddressAsync("cmartin-ab12cd", CancellationToken.None));
    }

    [Theory]
    [InlineData("ac-test.fr", "CMARTIN-AB12CD", "cmartin-ab12cd@ac-test.fr")]
    [InlineData("ac-test.fr", "c.durand@ac-autre.fr", "c.durand@ac-autre.fr")]
    [InlineData(null, "c.durand@ac-autre.fr", "c.durand@ac-autre.fr")]
    [InlineData(null, "jbernard", null)]
    [InlineData("ac-test.fr", "inconnu", null)]
    public async Task AccountAddressAsync_IsTheIdentifierAtTheDomain_OrTheIdentifierItself(string? domain, string identifier, string? expected)
    {
        Assert.Equal(expected, await NewDirectory(domain).AccountAddressAsync(identifier, CancellationToken.None));
    }

    [Fact]
    public async Task SetPasswordAsync_WritesABlfCryptHash_AndKeepsEveryOtherByte()
    {
        var before = File.ReadAllText(_passwd);

        var changed = await NewDirectory().SetPasswordAsync("JBERNARD", "un nouveau mot de passe", CancellationToken.None);

        Assert.True(changed);
        var after = File.ReadAllText(_passwd);
        var line = after.Split('\n').Single(l => l.StartsWith("jbernard:", StringComparison.Ordinal));
        var fields = line.Split(':');
        Assert.StartsWith("{BLF-CRYPT}$2y$04$", fields[1], StringComparison.Ordinal);
        Assert.True(BCrypt.Net.BCrypt.Verify("un nouveau mot de passe", fields[1]["{BLF-CRYPT}".Length..]));
        Assert.Equal(before.Replace("{SHA512-CRYPT}$6$salt$hash", fields[1], StringComparison.Ordinal), after);
    }

    [Fact]
    public async Task SetPasswordAsync_ReturnsOnlyAfterTheNextWholeSecond_WithAStrictlyNewerMtime()
    {
        var previous = DateTime.UtcNow.AddSeconds(30); // an mtime ahead of the clock: the next must still move on
        File.SetLastWriteTimeUtc(_passwd, previous);
        var before = DateTime.UtcNow;

        await NewDirectory().SetPasswordAsync("cmartin-ab12cd", "mot de passe", CancellationToken.None);
        var returned = DateTime.UtcNow;

        var previousSecond = previous.AddTicks(-(previous.Ticks % TimeSpan.TicksPerSecond));
        Assert.Equal(previousSecond.AddSeconds(1), File.GetLastWriteTimeUtc(_passwd));
        var beforeSecond = before.AddTicks(-(before.Ticks % TimeSpan.TicksPerSecond));
        Assert.True(returned >= beforeSecond.AddSeconds(1) + PasswdFileWriter.RereadMargin,
            $"Returned at {returned:HH:mm:ss.fff}, before Dovecot's next re-read after a write begun at {before:HH:mm:ss.fff}.");
    }

    [Fact]
    public async Task SetPasswordAsync_UnknownUser_ReturnsFalse_AndLeavesTheFileAlone()
    {
        var before = File.ReadAllBytes(_passwd);
        var mtime = File.GetLastWriteTimeUtc(_passwd);

        Assert.False(await NewDirectory().SetPasswordAsync("inconnu", "mot de passe", CancellationToken.None));

        Assert.Equal(before, File.ReadAllBytes(_passwd));
        Assert.Equal(mtime, File.GetLastWriteTimeUtc(_passwd));
    }

    [Fact]
    public async Task SetPasswordAsync_KeepsTheFilesMode()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        File.SetUnixFileMode(_passwd, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        await NewDirectory().SetPasswordAsync("jbernard", "mot de passe", CancellationToken.None);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(_passwd));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public async Task SetPasswordAsync_KeepsTheFilesOwner()
    {
        // Changing an owner needs root (the rig and CI run as root); elsewhere there is nothing to check.
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return;
        }
        Run("chown", "65534:65534", _passwd);

        await NewDirectory().SetPasswordAsync("jbernard", "mot de passe", CancellationToken.None);

        Assert.Equal("65534:65534", Run("stat", "-c", "%u:%g", _passwd).Trim());
    }

    private static string Run(string program, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = System.Diagnostics.Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return text;
    }

    [Fact]
    public async Task SetPasswordAsync_72Bytes_IsAccepted_73Refused()
    {
        var directory = NewDirectory();
        var accented = new string('é', 36); // 72 UTF-8 bytes in 36 characters
        Assert.Equal(PasswdFileAccountDirectory.MaxPasswordBytes, Encoding.UTF8.GetByteCount(accented));

        Assert.True(await directory.SetPasswordAsync("jbernard", accented, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => directory.SetPasswordAsync("jbernard", accented + "a", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => directory.SetPasswordAsync("jbernard", "", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => directory.SetPasswordAsync("jbernard", "avant\0après", CancellationToken.None));
    }

    [Fact]
    public async Task SetPasswordAsync_InParallel_WithTheRigWritingToo_KeepsEveryChange()
    {
        // Eight accounts changed at once by the app while the test rig's writer adds eight others, as when a recovery
        // test runs beside tests creating accounts. Every change must survive: no lost update, no torn file.
        var users = Enumerable.Range(0, 8).Select(i => $"user{i}").ToList();
        File.AppendAllLines(_passwd, users.Select(u => $"{u}:{{SSHA512}}b2xk::::::"));
        var directory = NewDirectory();

        var changes = users.Select(u => directory.SetPasswordAsync(u, "nouveau " + u, CancellationToken.None));
        var rig = Enumerable.Range(0, 8).Select(i => PasswdFileWriter.UpdateAsync(_passwd,
            content => (PasswdFileContent.Upsert(content, new Dictionary<string, string> { [$"rig{i}"] = $"rig{i}:{{PLAIN}}p{i}::::::" }), true),
            CancellationToken.None));
        var results = await Task.WhenAll(changes);
        await Task.WhenAll(rig);

        Assert.All(results, Assert.True);
        var text = File.ReadAllText(_passwd);
        Assert.StartsWith(Header + "cmartin-ab12cd:{SSHA512}b2xkaGFzaA==::::::\n", text, StringComparison.Ordinal);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToList();
        Assert.Equal(3 + 8 + 8, lines.Count);
        foreach (var user in users)
        {
            var hash = lines.Single(l => l.StartsWith(user + ":", StringComparison.Ordinal)).Split(':')[1];
            Assert.True(BCrypt.Net.BCrypt.Verify("nouveau " + user, hash["{BLF-CRYPT}".Length..]), user);
        }
        for (var i = 0; i < 8; i++)
        {
            Assert.Contains($"rig{i}:{{PLAIN}}p{i}::::::", lines);
        }
    }

    [Fact]
    public void NextModificationTime_IsNowsSecond_OrOneSecondPastThePrevious()
    {
        var now = new DateTime(2026, 11, 26, 8, 0, 10, 700, DateTimeKind.Utc);

        Assert.Equal(now.AddMilliseconds(-700), PasswdFileWriter.NextModificationTime(null, now));
        Assert.Equal(now.AddMilliseconds(-700), PasswdFileWriter.NextModificationTime(now.AddSeconds(-3), now));
        Assert.Equal(now.AddMilliseconds(300), PasswdFileWriter.NextModificationTime(now.AddMilliseconds(-200), now));
        Assert.Equal(now.AddMilliseconds(1300), PasswdFileWriter.NextModificationTime(now.AddSeconds(1.1), now));
    }
}
