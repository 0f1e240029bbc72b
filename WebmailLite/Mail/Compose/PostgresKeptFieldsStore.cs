using WebmailLite.Storage.Postgres;

namespace WebmailLite.Mail.Compose;

/// <summary>
/// The kept forms in PostgreSQL, one table for every kind (<c>kept_fields</c>, the kind in <c>form</c>): a form kept by
/// the instance that saw the session end is handed back by whichever instance its owner signs in on, once.
/// </summary>
public sealed class PostgresKeptFieldsStore(PostgresDatabase database, TimeProvider time) : IKeptFieldsStore
{
    public void Keep(string form, string key, byte[] sealedFields, TimeSpan keepFor)
    {
        var now = time.GetUtcNow();
        using var connection = database.Open();
        using (var prune = PostgresDatabase.Command(connection, "DELETE FROM kept_fields WHERE form = $1 AND expires_at <= $2", form, now))
        {
            prune.ExecuteNonQuery();
        }
        using var keep = PostgresDatabase.Command(connection,
            """
            INSERT INTO kept_fields (form, key, sealed, expires_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (form, key) DO UPDATE SET sealed = excluded.sealed, expires_at = excluded.expires_at
            """,
            form, key, sealedFields, now + keepFor);
        keep.ExecuteNonQuery();
    }

    public byte[]? Take(string form, string key)
    {
        using var connection = database.Open();
        // One statement removes and returns: of two instances taking at once, the second deletes nothing.
        using var command = PostgresDatabase.Command(connection, "DELETE FROM kept_fields WHERE form = $1 AND key = $2 RETURNING sealed, expires_at", form, key);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }
        return reader.GetFieldValue<DateTimeOffset>(1) > time.GetUtcNow() ? reader.GetFieldValue<byte[]>(0) : null;
    }
}
