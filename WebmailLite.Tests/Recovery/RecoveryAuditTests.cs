using WebmailLite.Recovery;
using WebmailLite.Storage;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Recovery;

/// <summary>What every <see cref="IRecoveryAudit"/> must do; each provider runs it through a subclass.</summary>
public abstract class RecoveryAuditContractTests
{
    private readonly TestClock _clock = new(RecoveryRig.Start);
    private IRecoveryAudit? _audit;

    /// <summary>An audit trail on this test's database: each call is one more app instance.</summary>
    protected abstract IRecoveryAudit CreateAudit(TimeProvider clock);

    private IRecoveryAudit Audit => _audit ??= CreateAudit(_clock);

    [Fact]
    public void For_ListsAnIdentifiersEntries_NewestFirst_WithWhoWhenHowWhat()
    {
        Audit.Record("CMartin", AuditEvent.CodeRequested, RecoveryMethod.ContactMail, AuditOutcome.Success);
        _clock.Advance(TimeSpan.FromMinutes(1));
        Audit.Record("jdupont", AuditEvent.CodeRequested, RecoveryMethod.ContactMail, AuditOutcome.Success);
        _clock.Advance(TimeSpan.FromMinutes(1));
        Audit.Record("cmartin", AuditEvent.CodeIssued, RecoveryMethod.Assistance, AuditOutcome.Success, actor: "Agent1", detail: "rappelé au 06");

        var entries = Audit.For("cmartin");

        Assert.Equal([AuditEvent.CodeIssued, AuditEvent.CodeRequested], entries.Select(e => e.Event));
        Assert.All(entries, e => Assert.Equal("cmartin", e.Owner));
        Assert.Equal("agent1", entries[0].Actor);
        Assert.Equal("rappelé au 06", entries[0].Detail);
        Assert.Equal(RecoveryMethod.Assistance, entries[0].Method);
        Assert.Equal(AuditOutcome.Success, entries[0].Outcome);
        Assert.Equal(RecoveryRig.Start.UtcDateTime.AddMinutes(2), entries[0].At);
        Assert.Equal(DateTimeKind.Utc, entries[0].At.Kind);
        Assert.Null(entries[1].Actor);
        Assert.Null(entries[1].Detail);
    }

    [Fact]
    public void Record_WithoutAMethod_KeepsNone()
    {
        Audit.Record("cmartin", AuditEvent.PasswordChanged, null, AuditOutcome.NothingToDo);

        var entry = Assert.Single(Audit.For("cmartin"));
        Assert.Null(entry.Method);
        Assert.Equal(AuditOutcome.NothingToDo, entry.Outcome);
    }

    [Fact]
    public void For_IsLimited()
    {
        for (var i = 0; i < 5; i++)
        {
            Audit.Record("cmartin", AuditEvent.CodeChecked, null, AuditOutcome.Failure);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(3, Audit.For("cmartin", limit: 3).Count);
    }

    [Fact]
    public void TwoInstances_WriteOneTrail()
    {
        CreateAudit(_clock).Record("cmartin", AuditEvent.CodeRequested, RecoveryMethod.ContactMail, AuditOutcome.Success);
        _clock.Advance(TimeSpan.FromSeconds(1));
        CreateAudit(_clock).Record("cmartin", AuditEvent.CodeChecked, RecoveryMethod.ContactMail, AuditOutcome.Success);

        Assert.Equal([AuditEvent.CodeChecked, AuditEvent.CodeRequested], Audit.For("cmartin").Select(e => e.Event));
    }
}

public sealed class LiteDbRecoveryAuditTests : RecoveryAuditContractTests, IDisposable
{
    private readonly AppDatabase _database = AppDatabase.InMemory();

    protected override IRecoveryAudit CreateAudit(TimeProvider clock) => new LiteDbRecoveryAudit(_database, clock);

    public void Dispose() => _database.Dispose();
}

[Trait("Category", "PostgreSQL")]
public sealed class PostgresRecoveryAuditTests : RecoveryAuditContractTests, IDisposable
{
    private readonly TestSchema _schema = PostgresServer.Instance.NewSchema();

    protected override IRecoveryAudit CreateAudit(TimeProvider clock) => new PostgresRecoveryAudit(_schema.Database, clock);

    public void Dispose() => _schema.Dispose();
}
