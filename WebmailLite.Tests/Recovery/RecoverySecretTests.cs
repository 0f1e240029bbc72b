using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using WebmailLite.Recovery;
using WebmailLite.Storage;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Recovery;

public sealed class RecoverySecretTests
{
    private static readonly byte[] Data = [1, 2, 3];

    [Fact]
    public void Secret_IsKeptAcrossARestart_SoCodesStillWork()
    {
        using var database = AppDatabase.InMemory();
        var protection = new EphemeralDataProtectionProvider();
        var clock = new TestClock(RecoveryRig.Start);
        var options = Options.Create(new RecoveryOptions());
        var before = new RecoveryCodeStore(database, new RecoverySecret(database, protection), clock, options);
        var code = before.Issue("cmartin", CodePurpose.PasswordReset, RecoveryMethod.ContactMail, TimeSpan.FromMinutes(15));

        var after = new RecoveryCodeStore(database, new RecoverySecret(database, protection), clock, options);

        Assert.True(after.Check("cmartin", CodePurpose.PasswordReset, code).IsValid);
    }

    [Fact]
    public void Secret_DiffersPerDatabase()
    {
        using var first = AppDatabase.InMemory();
        using var second = AppDatabase.InMemory();
        var protection = new EphemeralDataProtectionProvider();

        Assert.NotEqual(new RecoverySecret(first, protection).Mac(Data), new RecoverySecret(second, protection).Mac(Data));
        Assert.Equal(new RecoverySecret(first, protection).Mac(Data), new RecoverySecret(first, protection).Mac(Data));
    }

    [Fact]
    public void Secret_IsStoredEncrypted_NotAsTheRawKey()
    {
        using var database = AppDatabase.InMemory();
        var protection = new EphemeralDataProtectionProvider();
        new RecoverySecret(database, protection);

        var stored = database.Collection<RecoverySecret.StoredSecret>("recovery_secret").FindById("hmac");

        // Data Protection adds its header, key id, IV and MAC around the 32 bytes.
        Assert.True(stored.Protected.Length > 32);
        // Unreadable with other Data Protection keys.
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => new RecoverySecret(database, new EphemeralDataProtectionProvider()));
    }

    [Fact]
    public void Mac_SeparatesItsParts()
    {
        using var database = AppDatabase.InMemory();
        var secret = new RecoverySecret(database, new EphemeralDataProtectionProvider());

        // Length-prefixed parts: ("ab","c") and ("a","bc") must not collide.
        Assert.NotEqual(secret.Mac("ab"u8.ToArray(), "c"u8.ToArray()), secret.Mac("a"u8.ToArray(), "bc"u8.ToArray()));
    }
}
