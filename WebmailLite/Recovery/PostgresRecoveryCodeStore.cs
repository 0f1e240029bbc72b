using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Npgsql;
using WebmailLite.Mail;
using WebmailLite.Storage.Postgres;

namespace WebmailLite.Recovery;

/// <summary>
/// The codes in PostgreSQL. A check locks the identifier's codes (<c>SELECT … FOR UPDATE</c>) for its one
/// transaction, so two instances checking at once take turns: a right code is valid for one of them only, and wrong
/// tries are all counted.
/// </summary>
public sealed class PostgresRecoveryCodeStore(PostgresDatabase database, RecoverySecret secret, TimeProvider time, IOptions<RecoveryOptions> options)
    : IRecoveryCodeStore
{
    public string Issue(string identifier, CodePurpose purpose, RecoveryMethod method, TimeSpan lifetime, string? target = null)
    {
        var code = RecoveryCode.New();
        var salt = RandomNumberGenerator.GetBytes(16);
        var now = time.GetUtcNow();
        var owner = Owner.Of(identifier);
        // One statement replaces the earlier code of the same method: two instances issuing at once leave one code.
        database.Execute(
            """
            INSERT INTO recovery_codes (owner, purpose, method, salt, mac, created_at, expires_at, failed_attempts, target)
            VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8)
            ON CONFLICT (owner, purpose, method) DO UPDATE SET salt = excluded.salt, mac = excluded.mac, created_at = excluded.created_at,
                expires_at = excluded.expires_at, failed_attempts = 0, target = excluded.target
            """,
            owner, purpose.ToString(), method.ToString(), salt, RecoveryCode.Mac(secret, owner, purpose, salt, code), now, now + lifetime, target);
        return code;
    }

    public CodeCheck Check(string identifier, CodePurpose purpose, string typed)
    {
        var owner = Owner.Of(identifier);
        var now = time.GetUtcNow();
        var normalized = RecoveryCode.Normalize(typed);
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var all = new List<(long Id, RecoveryMethod Method, byte[] Salt, byte[] Mac, DateTimeOffset ExpiresAt, string? Target)>();
        using (var select = Command(connection, transaction,
            "SELECT id, method, salt, mac, expires_at, target FROM recovery_codes WHERE owner = $1 AND purpose = $2 ORDER BY id FOR UPDATE",
            owner, purpose.ToString()))
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                all.Add((reader.GetInt64(0), Enum.Parse<RecoveryMethod>(reader.GetString(1)), reader.GetFieldValue<byte[]>(2), reader.GetFieldValue<byte[]>(3),
                    reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
            }
        }
        var expired = all.Where(c => c.ExpiresAt <= now).Select(c => c.Id).ToArray();
        Delete(expired);
        var live = all.Where(c => c.ExpiresAt > now).ToList();
        if (live.Count == 0)
        {
            transaction.Commit();
            return expired.Length > 0 ? CodeCheck.Expired : CodeCheck.Invalid;
        }
        // Every live code is compared, so the time taken does not depend on which one matches.
        (long Id, RecoveryMethod Method, string? Target)? match = null;
        foreach (var code in live)
        {
            if (normalized is not null && CryptographicOperations.FixedTimeEquals(code.Mac, RecoveryCode.Mac(secret, owner, purpose, code.Salt, normalized)))
            {
                match = (code.Id, code.Method, code.Target);
            }
        }
        if (match is { } right)
        {
            Delete([right.Id]);
            transaction.Commit();
            return new CodeCheck(CodeCheckStatus.Valid, right.Method, right.Target);
        }
        // A wrong try counts against every live code of the identifier: several methods give no more guesses.
        var ids = live.Select(c => c.Id).ToArray();
        using (var count = Command(connection, transaction, "UPDATE recovery_codes SET failed_attempts = failed_attempts + 1 WHERE id = ANY($1)", ids))
        {
            count.ExecuteNonQuery();
        }
        int killed;
        using (var kill = Command(connection, transaction, "DELETE FROM recovery_codes WHERE id = ANY($1) AND failed_attempts >= $2", ids, options.Value.MaxCodeAttempts))
        {
            killed = kill.ExecuteNonQuery();
        }
        transaction.Commit();
        return killed > 0 ? CodeCheck.Killed : CodeCheck.Invalid;

        void Delete(long[] idsToDelete)
        {
            if (idsToDelete.Length > 0)
            {
                using var delete = Command(connection, transaction, "DELETE FROM recovery_codes WHERE id = ANY($1)", idsToDelete);
                delete.ExecuteNonQuery();
            }
        }
    }

    public bool HasLiveCode(string identifier, CodePurpose purpose)
    {
        using var connection = database.Open();
        using var command = PostgresDatabase.Command(connection,
            "SELECT EXISTS (SELECT 1 FROM recovery_codes WHERE owner = $1 AND purpose = $2 AND expires_at > $3)",
            Owner.Of(identifier), purpose.ToString(), time.GetUtcNow());
        return (bool)command.ExecuteScalar()!;
    }

    public string? LiveTarget(string identifier, CodePurpose purpose)
    {
        using var connection = database.Open();
        using var command = PostgresDatabase.Command(connection,
            "SELECT target FROM recovery_codes WHERE owner = $1 AND purpose = $2 AND expires_at > $3 ORDER BY id LIMIT 1",
            Owner.Of(identifier), purpose.ToString(), time.GetUtcNow());
        return command.ExecuteScalar() as string;
    }

    public int KillIssuedBy(string identifier, CodePurpose purpose, RecoveryMethod method) => database.Execute(
        "DELETE FROM recovery_codes WHERE owner = $1 AND purpose = $2 AND method = $3", Owner.Of(identifier), purpose.ToString(), method.ToString());

    public void KillAll(string identifier, CodePurpose purpose) =>
        database.Execute("DELETE FROM recovery_codes WHERE owner = $1 AND purpose = $2", Owner.Of(identifier), purpose.ToString());

    public int PruneExpired() => database.Execute("DELETE FROM recovery_codes WHERE expires_at <= $1", time.GetUtcNow());

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params object?[] parameters)
    {
        var command = PostgresDatabase.Command(connection, sql, parameters);
        command.Transaction = transaction;
        return command;
    }
}
