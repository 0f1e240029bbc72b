using Npgsql;
using WebmailLite.Storage.Postgres;

namespace WebmailLite.Mail.Sessions;

/// <summary>The session records in PostgreSQL: a form posted to another instance after its session ended is still known.</summary>
public sealed class PostgresSessionRecordStore(PostgresDatabase database, TimeProvider time) : ISessionRecordStore
{
    public void Remember(MailSession session, TimeSpan memory) => database.Execute(
        """
        INSERT INTO session_records (id, identifier, created_at, keep_until) VALUES ($1, $2, $3, $4)
        ON CONFLICT (id) DO UPDATE SET identifier = excluded.identifier, created_at = excluded.created_at, keep_until = excluded.keep_until
        """,
        LiteDbSessionRecordStore.Key(session.Id), session.Identifier, session.CreatedAt, session.AbsoluteExpiry + memory);

    public void MarkEnded(string sessionId, TimeSpan memory) => database.Execute(
        "UPDATE session_records SET keep_until = $2 WHERE id = $1 AND keep_until > $2",
        LiteDbSessionRecordStore.Key(sessionId), time.GetUtcNow() + memory);

    public string? IdentifierOf(string? sessionId)
    {
        if (string.IsNullOrEmpty(sessionId) || sessionId.Length > 100)
        {
            return null;
        }
        using var connection = database.Open();
        using var command = new NpgsqlCommand("SELECT identifier FROM session_records WHERE id = $1 AND keep_until > $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = LiteDbSessionRecordStore.Key(sessionId) });
        command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
        return command.ExecuteScalar() as string;
    }

    public int Prune() => database.Execute("DELETE FROM session_records WHERE keep_until <= $1", time.GetUtcNow());
}
