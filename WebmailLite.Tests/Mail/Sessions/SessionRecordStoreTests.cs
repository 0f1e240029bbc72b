using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebmailLite.Mail;
using WebmailLite.Mail.Sessions;
using WebmailLite.Storage;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Mail.Sessions;

/// <summary>What every <see cref="ISessionRecordStore"/> must do; each provider runs it through a subclass.</summary>
public abstract class SessionRecordStoreContractTests
{
    private readonly TestClock _clock = new();
    private ISessionRecordStore? _store;
    private MailSessionManager? _manager;

    protected abstract ISessionRecordStore CreateStore(TimeProvider clock);

    private ISessionRecordStore Records => _store ??= CreateStore(_clock);

    private MailSessionManager Sessions =>
        _manager ??= new MailSessionManager(Options.Create(new MailSessionOptions()), Records, _clock, NullLogger<MailSessionManager>.Instance);

    /// <summary>The keys as stored, to check that no session id is.</summary>
    protected abstract IReadOnlyList<string> StoredIds();

    [Fact]
    public async Task AnEndedSession_IsRemembered24Hours_ByTheHashOfItsIdOnly()
    {
        var session = Sessions.Create(new IdentityOnlyMailbox("c.martin"), sharedComputer: true);
        Assert.Equal("c.martin", Records.IdentifierOf(session.Id));

        _clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Null(await Sessions.FindAsync(session.Id));

        // Neither the id nor anything derived by a simple encoding is stored: only its SHA-256.
        var stored = Assert.Single(StoredIds());
        Assert.DoesNotContain(session.Id, stored, StringComparison.Ordinal);
        Assert.Equal(64, stored.Length);
        Assert.Equal("c.martin", Records.IdentifierOf(session.Id));
        _clock.Advance(TimeSpan.FromHours(24));
        Assert.Null(Records.IdentifierOf(session.Id));
        Assert.Equal(1, Records.Prune());
    }

    [Fact]
    public void ASessionNeverEnded_ByACrash_IsRememberedUntilItsAbsoluteLimitPlusADay()
    {
        var session = Sessions.Create(new IdentityOnlyMailbox("c.martin"), sharedComputer: false);

        _clock.Advance(TimeSpan.FromHours(10) + TimeSpan.FromHours(23));
        Assert.Equal("c.martin", Records.IdentifierOf(session.Id));
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Null(Records.IdentifierOf(session.Id));
    }

    [Fact]
    public void UnknownOrAbsurdIds_FindNothing()
    {
        Assert.Null(Records.IdentifierOf(null));
        Assert.Null(Records.IdentifierOf(""));
        Assert.Null(Records.IdentifierOf(new string('A', 43)));
        Assert.Null(Records.IdentifierOf(new string('A', 5000)));
    }
}

public sealed class LiteDbSessionRecordStoreTests : SessionRecordStoreContractTests, IDisposable
{
    private readonly AppDatabase _database = AppDatabase.InMemory();

    protected override ISessionRecordStore CreateStore(TimeProvider clock) => new LiteDbSessionRecordStore(_database, clock);

    protected override IReadOnlyList<string> StoredIds() =>
        [.. _database.Collection<LiteDbSessionRecordStore.SessionRecord>("session_records").FindAll().Select(r => r.Id)];

    public void Dispose() => _database.Dispose();
}

[Trait("Category", "PostgreSQL")]
public sealed class PostgresSessionRecordStoreTests : SessionRecordStoreContractTests, IDisposable
{
    private readonly TestSchema _schema = PostgresServer.Instance.NewSchema();

    protected override ISessionRecordStore CreateStore(TimeProvider clock) => new PostgresSessionRecordStore(_schema.Database, clock);

    protected override IReadOnlyList<string> StoredIds()
    {
        using var connection = _schema.Database.Open();
        using var command = new Npgsql.NpgsqlCommand("SELECT id FROM session_records", connection);
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    public void Dispose() => _schema.Dispose();
}
