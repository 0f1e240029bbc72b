using Microsoft.AspNetCore.DataProtection;
using Npgsql;
using WebmailLite.Recovery;
using WebmailLite.Storage;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Recovery;

/// <summary>
/// The database of one recovery contract test, on either provider. Every store or secret made from it is one more
/// « app instance » on the same data; they share the Data Protection keys, as instances sharing a key ring do.
/// </summary>
public interface IRecoveryStoreDatabase : IDisposable
{
    IDataProtectionProvider Protection { get; }

    /// <summary>The secret as an instance starting on this database gets it.</summary>
    RecoverySecret NewSecret() => new(SecretStore(), Protection);

    IRecoverySecretStore SecretStore();
}

public sealed class LiteDbRecoveryStoreDatabase : IRecoveryStoreDatabase
{
    public AppDatabase Database { get; } = AppDatabase.InMemory();

    public IDataProtectionProvider Protection { get; } = new EphemeralDataProtectionProvider();

    public IRecoverySecretStore SecretStore() => new LiteDbRecoverySecretStore(Database);

    public void Dispose() => Database.Dispose();
}

public sealed class PostgresRecoveryStoreDatabase : IRecoveryStoreDatabase
{
    public TestSchema Schema { get; } = PostgresServer.Instance.NewSchema();

    public IDataProtectionProvider Protection { get; } = new EphemeralDataProtectionProvider();

    public IRecoverySecretStore SecretStore() => new PostgresRecoverySecretStore(Schema.Database);

    /// <summary>The rows of a query, each column as text: what a stolen copy of the table would show.</summary>
    public List<string> Rows(string sql)
    {
        using var connection = Schema.Database.Open();
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : reader.GetValue(i) switch
            {
                byte[] bytes => Convert.ToHexString(bytes),
                var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
            })));
        }
        return rows;
    }

    public void Dispose() => Schema.Dispose();
}
