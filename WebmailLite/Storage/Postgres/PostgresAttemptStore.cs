using Npgsql;

namespace WebmailLite.Storage.Postgres;

/// <summary>The attempts in PostgreSQL: every instance counts against the same limits.</summary>
public sealed class PostgresAttemptStore(PostgresDatabase database, TimeProvider time) : IAttemptStore
{
    public void Record(string key) =>
        database.Execute("INSERT INTO attempts (key, at) VALUES ($1, $2)", key, time.GetUtcNow());

    public WindowCount Count(string key, TimeSpan window)
    {
        var now = time.GetUtcNow();
        using var connection = database.Open();
        using var command = new NpgsqlCommand("SELECT count(*), min(at) FROM attempts WHERE key = $1 AND at > $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        command.Parameters.Add(new NpgsqlParameter { Value = now - window });
        using var reader = command.ExecuteReader();
        reader.Read();
        var count = (int)reader.GetInt64(0);
        return count == 0 ? new WindowCount(0, TimeSpan.Zero) : new WindowCount(count, reader.GetFieldValue<DateTimeOffset>(1) + window - now);
    }

    public void Clear(string key) => database.Execute("DELETE FROM attempts WHERE key = $1", key);

    public int Prune(TimeSpan olderThan) => database.Execute("DELETE FROM attempts WHERE at < $1", time.GetUtcNow() - olderThan);
}
