using LiteDB;
using WebmailLite.Storage;

namespace WebmailLite.Mail.Sessions;

/// <summary>
/// Which identifier a session id belonged to, remembered in LiteDB for <see cref="MailSessionOptions.EndedSessionMemory"/>
/// after the session ended. Sessions live in memory only, so once one has expired (or the app restarted) this is the
/// only way to know whose compose form an expired cookie just posted, and to keep that form for that person alone.
/// Keyed by the SHA-256 of the id: the store never holds a usable session id, and never a password.
/// </summary>
public interface ISessionRecordStore
{
    /// <summary>A session has started: remembered until its absolute limit plus <paramref name="memory"/>, in case the app stops without ending it.</summary>
    void Remember(MailSession session, TimeSpan memory);

    /// <summary>A session has ended (expired, signed out, app stopping): remembered <paramref name="memory"/> from now.</summary>
    void MarkEnded(string sessionId, TimeSpan memory);

    /// <summary>The identifier the session <paramref name="sessionId"/> belonged to, while it is remembered; else <c>null</c>.</summary>
    string? IdentifierOf(string? sessionId);

    int Prune();
}

/// <summary>The session records in LiteDB (one instance).</summary>
public sealed class LiteDbSessionRecordStore : ISessionRecordStore
{
    private readonly ILiteCollection<SessionRecord> _records;
    private readonly TimeProvider _time;

    public LiteDbSessionRecordStore(AppDatabase database, TimeProvider time)
    {
        _records = database.Collection<SessionRecord>("session_records");
        _records.EnsureIndex(r => r.KeepUntil);
        _time = time;
    }

    public void Remember(MailSession session, TimeSpan memory) => _records.Upsert(new SessionRecord
    {
        Id = Key(session.Id),
        Identifier = session.Identifier,
        CreatedAt = session.CreatedAt.UtcDateTime,
        KeepUntil = (session.AbsoluteExpiry + memory).UtcDateTime,
    });

    public void MarkEnded(string sessionId, TimeSpan memory)
    {
        var record = _records.FindById(Key(sessionId));
        var until = _time.GetUtcNow().UtcDateTime + memory;
        if (record is not null && record.KeepUntil > until)
        {
            record.KeepUntil = until;
            _records.Update(record);
        }
    }

    public string? IdentifierOf(string? sessionId)
    {
        if (string.IsNullOrEmpty(sessionId) || sessionId.Length > 100)
        {
            return null;
        }
        var record = _records.FindById(Key(sessionId));
        return record is not null && record.KeepUntil > _time.GetUtcNow().UtcDateTime ? record.Identifier : null;
    }

    public int Prune()
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return _records.DeleteMany(r => r.KeepUntil <= now);
    }

    internal static string Key(string sessionId) => HashedKey.Of(sessionId);

    public sealed class SessionRecord
    {
        /// <summary>Hex SHA-256 of the session id.</summary>
        public string Id { get; set; } = "";

        public string Identifier { get; set; } = "";
        public DateTime CreatedAt { get; set; }
        public DateTime KeepUntil { get; set; }
    }
}
