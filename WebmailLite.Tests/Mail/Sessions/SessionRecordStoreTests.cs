using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebmailLite.Mail;
using WebmailLite.Mail.Sessions;
using WebmailLite.Storage;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Mail.Sessions;

public sealed class SessionRecordStoreTests : IDisposable
{
    private readonly AppDatabase _database = AppDatabase.InMemory();
    private readonly TestClock _clock = new();
    private readonly SessionRecordStore _records;
    private readonly MailSessionManager _sessions;

    public SessionRecordStoreTests()
    {
        _records = new SessionRecordStore(_database, _clock);
        _sessions = new MailSessionManager(Options.Create(new MailSessionOptions()), _records, _clock, NullLogger<MailSessionManager>.Instance);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task AnEndedSession_IsRemembered24Hours_ByTheHashOfItsIdOnly()
    {
        var session = _sessions.Create(new IdentityOnlyMailbox("c.martin"), sharedComputer: true);
        Assert.Equal("c.martin", _records.IdentifierOf(session.Id));

        _clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Null(await _sessions.FindAsync(session.Id));

        // Neither the id nor anything derived by a simple encoding is stored: only its SHA-256.
        var stored = _database.Collection<SessionRecordStore.SessionRecord>("session_records").FindAll().Single();
        Assert.DoesNotContain(session.Id, stored.Id, StringComparison.Ordinal);
        Assert.Equal(64, stored.Id.Length);
        Assert.Equal("c.martin", _records.IdentifierOf(session.Id));
        _clock.Advance(TimeSpan.FromHours(24));
        Assert.Null(_records.IdentifierOf(session.Id));
        Assert.Equal(1, _records.Prune());
    }

    [Fact]
    public void ASessionNeverEnded_ByACrash_IsRememberedUntilItsAbsoluteLimitPlusADay()
    {
        var session = _sessions.Create(new IdentityOnlyMailbox("c.martin"), sharedComputer: false);

        _clock.Advance(TimeSpan.FromHours(10) + TimeSpan.FromHours(23));
        Assert.Equal("c.martin", _records.IdentifierOf(session.Id));
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Null(_records.IdentifierOf(session.Id));
    }

    [Fact]
    public void UnknownOrAbsurdIds_FindNothing()
    {
        Assert.Null(_records.IdentifierOf(null));
        Assert.Null(_records.IdentifierOf(""));
        Assert.Null(_records.IdentifierOf(new string('A', 43)));
        Assert.Null(_records.IdentifierOf(new string('A', 5000)));
    }
}
