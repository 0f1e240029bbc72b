using Microsoft.AspNetCore.DataProtection;
using WebmailLite.Recovery;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Recovery;

/// <summary>What the <see cref="RecoverySecret"/> must be on every <see cref="IRecoverySecretStore"/>; each provider runs it through a subclass.</summary>
public abstract class RecoverySecretContractTests : IDisposable
{
    protected static readonly byte[] Data = [1, 2, 3];

    /// <summary>This test's database; a second one for <see cref="Secret_DiffersPerDatabase"/>.</summary>
    protected abstract IRecoveryStoreDatabase Database { get; }

    protected abstract IRecoveryStoreDatabase AnotherDatabase();

    /// <summary>What is stored for the secret, as it is stored.</summary>
    protected abstract byte[] StoredProtected();

    public void Dispose()
    {
        Database.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Secret_IsKeptAcrossARestart_SoMacsStay()
    {
        var before = Database.NewSecret().Mac(Data);

        var after = Database.NewSecret().Mac(Data);

        // Codes issued before the restart still check (RecoveryCodeStoreContractTests: issued by one instance, checked by another).
        Assert.Equal(before, after);
    }

    [Fact]
    public void Secret_DiffersPerDatabase()
    {
        using var other = AnotherDatabase();

        Assert.NotEqual(Database.NewSecret().Mac(Data), new RecoverySecret(other.SecretStore(), Database.Protection).Mac(Data));
        Assert.Equal(Database.NewSecret().Mac(Data), Database.NewSecret().Mac(Data));
    }

    [Fact]
    public void Secret_IsStoredEncrypted_NotAsTheRawKey()
    {
        Database.NewSecret();

        // Data Protection adds its header, key id, IV and MAC around the 32 bytes.
        Assert.True(StoredProtected().Length > 32);
        // Unreadable with other Data Protection keys.
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() =>
            new RecoverySecret(Database.SecretStore(), new EphemeralDataProtectionProvider()));
    }

    [Fact]
    public void Stores_AskedTogetherOnAnEmptyDatabase_AllKeepTheFirstValue()
    {
        // Eight instances start at the same moment: one value is stored, and every one gets that one, not its own.
        const int instances = 8;
        using var start = new Barrier(instances);
        var kept = new string[instances];
        Parallel.For(0, instances, new ParallelOptions { MaxDegreeOfParallelism = instances }, i =>
        {
            var store = Database.SecretStore();
            start.SignalAndWait();
            kept[i] = Convert.ToHexString(store.GetOrAdd(() => System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)));
        });

        Assert.Single(kept.Distinct());
        Assert.Equal(kept[0], Convert.ToHexString(Database.SecretStore().GetOrAdd(() => [1])));
    }

    [Fact]
    public void Mac_SeparatesItsParts()
    {
        var secret = Database.NewSecret();

        // Length-prefixed parts: ("ab","c") and ("a","bc") must not collide.
        Assert.NotEqual(secret.Mac("ab"u8.ToArray(), "c"u8.ToArray()), secret.Mac("a"u8.ToArray(), "bc"u8.ToArray()));
    }

}

public sealed class LiteDbRecoverySecretTests : RecoverySecretContractTests
{
    private readonly LiteDbRecoveryStoreDatabase _database = new();

    protected override IRecoveryStoreDatabase Database => _database;

    protected override IRecoveryStoreDatabase AnotherDatabase() => new LiteDbRecoveryStoreDatabase();

    protected override byte[] StoredProtected() =>
        _database.Database.Collection<LiteDbRecoverySecretStore.StoredSecret>("recovery_secret").FindById("hmac").Protected;
}

[Trait("Category", "PostgreSQL")]
public sealed class PostgresRecoverySecretTests : RecoverySecretContractTests
{
    private readonly PostgresRecoveryStoreDatabase _database = new();

    protected override IRecoveryStoreDatabase Database => _database;

    protected override IRecoveryStoreDatabase AnotherDatabase() => new PostgresRecoveryStoreDatabase();

    protected override byte[] StoredProtected() => Convert.FromHexString(Assert.Single(_database.Rows("SELECT protected FROM recovery_secret")));

    // The whole secret, Data Protection included, on PostgreSQL, where several app instances on one database is
    // the point. (On LiteDB one process owns the file and builds one RecoverySecret, a singleton.)
    [Fact]
    public void Instances_StartingTogetherOnOneDatabase_AllGetTheSameKey()
    {
        // Eight instances start at the same moment on an empty database: one key is created, every one MACs with it.
        const int instances = 8;
        // The Data Protection key ring made first, as the app's start does: the race under test is the secret's.
        Database.Protection.CreateProtector("warm-up").Protect(Data);
        using var start = new Barrier(instances);
        var macs = new string[instances];
        Parallel.For(0, instances, new ParallelOptions { MaxDegreeOfParallelism = instances }, i =>
        {
            start.SignalAndWait();
            macs[i] = Convert.ToHexString(Database.NewSecret().Mac(Data));
        });

        Assert.Single(macs.Distinct());
        Assert.Equal(macs[0], Convert.ToHexString(Database.NewSecret().Mac(Data)));
    }
}
