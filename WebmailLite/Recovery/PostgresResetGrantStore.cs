using System.Security.Cryptography;
using WebmailLite.Mail;
using WebmailLite.Storage.Postgres;

namespace WebmailLite.Recovery;

/// <summary>The grants in PostgreSQL: a token given by one instance is honoured by any, and used once across all.</summary>
public sealed class PostgresResetGrantStore(PostgresDatabase database, RecoverySecret secret, TimeProvider time) : IResetGrantStore
{
    public string Create(string identifier, RecoveryMethod method, TimeSpan lifetime)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        // One statement: two instances creating at once still leave one grant (owner is unique), the later one.
        database.Execute(
            """
            INSERT INTO recovery_grants (id, owner, method, expires_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (owner) DO UPDATE SET id = excluded.id, method = excluded.method, expires_at = excluded.expires_at
            """,
            ResetGrant.KeyOf(secret, token), Owner.Of(identifier), method.ToString(), time.GetUtcNow() + lifetime);
        return token;
    }

    public ResetGrant? Find(string? token, string identifier)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        using var connection = database.Open();
        using var command = PostgresDatabase.Command(connection,
            "SELECT id, owner, method, expires_at FROM recovery_grants WHERE id = $1 AND owner = $2 AND expires_at > $3",
            ResetGrant.KeyOf(secret, token), Owner.Of(identifier), time.GetUtcNow());
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new ResetGrant
            {
                Id = reader.GetString(0),
                Owner = reader.GetString(1),
                Method = Enum.Parse<RecoveryMethod>(reader.GetString(2)),
                ExpiresAt = reader.GetFieldValue<DateTime>(3),
            }
            : null;
    }

    public bool Consume(ResetGrant grant) => database.Execute("DELETE FROM recovery_grants WHERE id = $1", grant.Id) == 1;

    // A newer grant of the same person (or this one, put back already) wins: nothing is overwritten.
    public void Restore(ResetGrant grant) => database.Execute(
        "INSERT INTO recovery_grants (id, owner, method, expires_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        grant.Id, grant.Owner, grant.Method.ToString(), DateTime.SpecifyKind(grant.ExpiresAt, DateTimeKind.Utc));

    public void RemoveAll(string identifier) => database.Execute("DELETE FROM recovery_grants WHERE owner = $1", Owner.Of(identifier));
}
