using WebmailLite.Recovery;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Recovery;

/// <summary>What every <see cref="IResetGrantStore"/> must do; each provider runs it through a subclass.</summary>
public abstract class ResetGrantStoreContractTests : IDisposable
{
    private readonly TestClock _clock = new(RecoveryRig.Start);
    private IResetGrantStore? _store;

    protected abstract IRecoveryStoreDatabase Database { get; }

    /// <summary>A store on <see cref="Database"/>: each call is one more app instance.</summary>
    protected abstract IResetGrantStore CreateStore(RecoverySecret secret, TimeProvider clock);

    /// <summary>The grants' keys as stored, to check that no token is.</summary>
    protected abstract IReadOnlyList<string> StoredIds();

    private IResetGrantStore Grants => _store ??= NewInstance();

    private IResetGrantStore NewInstance() => CreateStore(Database.NewSecret(), _clock);

    public void Dispose()
    {
        Database.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Create_GivesARandomToken_FoundForItsIdentifierOnly()
    {
        var token = Grants.Create("cmartin", RecoveryMethod.ContactMail, TimeSpan.FromMinutes(15));

        Assert.True(Convert.FromBase64String(token).Length >= 32);
        Assert.Equal(RecoveryMethod.ContactMail, Grants.Find(token, "CMartin")!.Method);
        Assert.Null(Grants.Find(token, "jdupont"));
        Assert.Null(Grants.Find(token + "x", "cmartin"));
        Assert.Null(Grants.Find(null, "cmartin"));
        Assert.Null(Grants.Find("", "cmartin"));
    }

    [Fact]
    public void Grant_StoresOnlyAnHmacOfTheToken()
    {
        var token = Grants.Create("cmartin", RecoveryMethod.ContactMail, TimeSpan.FromMinutes(15));

        var stored = Assert.Single(StoredIds());

        Assert.NotEqual(token, stored);
        Assert.DoesNotContain(token, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(Convert.FromBase64String(token)), stored, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Grant_Expires()
    {
        var token = Grants.Create("cmartin", RecoveryMethod.ContactMail, TimeSpan.FromMinutes(15));
        Assert.Equal(RecoveryRig.Start.UtcDateTime.AddMinutes(15), Grants.Find(token, "cmartin")!.ExpiresAt);

        _clock.Advance(TimeSpan.FromMinutes(15));

        Assert.Null(Grants.Find(token, "cmartin"));
    }

    [Fact]
    public void Consume_SucceedsOnce()
    {
        var token = Grants.Create("cmartin", RecoveryMethod.ContactMail, TimeSpan.FromMinutes(15));
        var firstTab = Grants.Find(token, "cmartin")!;
        var secondTab = Grants.Find(token, "cmartin")!;

        Assert.True(Grants.Consume(firstTab));
        Assert.False(Grants.Consume(secondTab));
        Assert.Null(Grants.Find(token, "cmartin"));
    }

    [Fact]
    public void Restore_PutsBackAConsumedGrant()
    {
        var token = Grants.Create("cmartin", RecoveryMethod.BackupAddress, TimeSpan.FromMinutes(15));
        var grant = Grants.Find(token, "cmartin")!;
        Assert.True(Grants.Consume(grant));

        Grants.Restore(grant);

        Assert.Equal(RecoveryMethod.BackupAddress, Grants.Find(token, "cmartin")!.Method);
    }

    [Fact]
    public void NewGrant_ReplacesTheOldOne()
    {
        var old = Grants.Create("cmartin", RecoveryMethod.ContactMail, TimeSpan.FromMinutes(15));
        var fresh = Grants.Create("cmartin", RecoveryMethod.BackupAddress, TimeSpan.FromMinutes(15));

        Assert.Null(Grants.Find(old, "cmartin"));
        Assert.Equal(RecoveryMethod.BackupAddress, Grants.Find(fresh, "cmartin")!.Method);
    }

    [Fact]
    public void RemoveAll_RemovesOnlyThatIdentifiersGrants()
    {
        var mine = Grants.Create("cmartin", RecoveryMethod.ContactMail, TimeSpan.FromMinutes(15));
        var theirs = Grants.Create("jdupont", RecoveryMethod.ContactMail, TimeSpan.FromMinutes(15));

        Grants.RemoveAll("CMARTIN");

        Assert.Null(Grants.Find(mine, "cmartin"));
        Assert.NotNull(Grants.Find(theirs, "jdupont"));
    }

    [Fact]
    public void TwoInstances_ATokenFromOne_IsUsedOnceAcrossBoth()
    {
        var first = NewInstance();
        var second = NewInstance();
        var token = first.Create("cmartin", RecoveryMethod.ContactMail, TimeSpan.FromMinutes(15));
        var grants = new[] { first.Find(token, "cmartin")!, second.Find(token, "cmartin")! };

        // Both tabs submit at the same moment, each to its own instance: one password change, not two.
        using var start = new Barrier(2);
        var won = new bool[2];
        Parallel.For(0, 2, i =>
        {
            start.SignalAndWait();
            won[i] = (i == 0 ? first : second).Consume(grants[i]);
        });

        Assert.Single(won, w => w);
    }
}

public sealed class LiteDbResetGrantStoreTests : ResetGrantStoreContractTests
{
    private readonly LiteDbRecoveryStoreDatabase _database = new();

    protected override IRecoveryStoreDatabase Database => _database;

    protected override IResetGrantStore CreateStore(RecoverySecret secret, TimeProvider clock) => new LiteDbResetGrantStore(_database.Database, secret, clock);

    protected override IReadOnlyList<string> StoredIds() =>
        [.. _database.Database.Collection<ResetGrant>("recovery_grants").FindAll().Select(g => g.Id)];
}

[Trait("Category", "PostgreSQL")]
public sealed class PostgresResetGrantStoreTests : ResetGrantStoreContractTests
{
    private readonly PostgresRecoveryStoreDatabase _database = new();

    protected override IRecoveryStoreDatabase Database => _database;

    protected override IResetGrantStore CreateStore(RecoverySecret secret, TimeProvider clock) => new PostgresResetGrantStore(_database.Schema.Database, secret, clock);

    protected override IReadOnlyList<string> StoredIds() => _database.Rows("SELECT id FROM recovery_grants");
}
