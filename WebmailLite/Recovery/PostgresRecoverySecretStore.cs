using WebmailLite.Storage.Postgres;

namespace WebmailLite.Recovery;

/// <summary>The secret in PostgreSQL: whichever instance starts first creates it, every other one reads that one.</summary>
public sealed class PostgresRecoverySecretStore(PostgresDatabase database) : IRecoverySecretStore
{
    private const string Id = "hmac";

    public byte[] GetOrAdd(Func<byte[]> create)
    {
        using var connection = database.Open();
        if (Read() is { } stored)
        {
            return stored;
        }
        // Two instances starting together may both get here: the second insert does nothing, and both read back the first.
        using (var insert = PostgresDatabase.Command(connection, "INSERT INTO recovery_secret (id, protected) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING", Id, create()))
        {
            insert.ExecuteNonQuery();
        }
        return Read() ?? throw new InvalidOperationException("The recovery secret was neither found nor stored.");

        byte[]? Read()
        {
            using var select = PostgresDatabase.Command(connection, "SELECT protected FROM recovery_secret WHERE id = $1", Id);
            return select.ExecuteScalar() as byte[];
        }
    }
}
