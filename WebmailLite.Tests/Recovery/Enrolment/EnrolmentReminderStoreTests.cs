using WebmailLite.Recovery.Enrolment;
using WebmailLite.Storage;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Recovery.Enrolment;

/// <summary>What every <see cref="IEnrolmentReminderStore"/> must do; each provider runs it through a subclass.</summary>
public abstract class EnrolmentReminderStoreContractTests
{
    private static readonly DateTime Until = RecoveryRig.Start.UtcDateTime.AddDays(30);
    private IEnrolmentReminderStore? _store;

    /// <summary>A store on this test's database: each call is one more app instance.</summary>
    protected abstract IEnrolmentReminderStore CreateStore();

    private IEnrolmentReminderStore Store => _store ??= CreateStore();

    [Fact]
    public void PostponedUntil_NeverPostponed_IsNull() => Assert.Null(Store.PostponedUntil("cmartin"));

    [Fact]
    public void Postpone_IsFoundIgnoringCase_InUtc_AndReplaced()
    {
        Store.Postpone("CMartin", Until);

        Assert.Equal(Until, Store.PostponedUntil(" cmartin "));
        Assert.Equal(DateTimeKind.Utc, Store.PostponedUntil("cmartin")!.Value.Kind);
        Assert.Null(Store.PostponedUntil("jdupont"));

        Store.Postpone("cmartin", Until.AddDays(1));
        Assert.Equal(Until.AddDays(1), Store.PostponedUntil("cmartin"));
    }

    [Fact]
    public void APostponementOnOneInstance_HoldsOnAnother()
    {
        CreateStore().Postpone("cmartin", Until);

        Assert.Equal(Until, CreateStore().PostponedUntil("cmartin"));
    }
}

public sealed class LiteDbEnrolmentReminderStoreTests : EnrolmentReminderStoreContractTests, IDisposable
{
    private readonly AppDatabase _database = AppDatabase.InMemory();

    protected override IEnrolmentReminderStore CreateStore() => new LiteDbEnrolmentReminderStore(_database);

    public void Dispose() => _database.Dispose();
}

[Trait("Category", "PostgreSQL")]
public sealed class PostgresEnrolmentReminderStoreTests : EnrolmentReminderStoreContractTests, IDisposable
{
    private readonly TestSchema _schema = PostgresServer.Instance.NewSchema();

    protected override IEnrolmentReminderStore CreateStore() => new PostgresEnrolmentReminderStore(_schema.Database);

    public void Dispose() => _schema.Dispose();
}
