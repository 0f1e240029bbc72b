using System.Globalization;
using System.Net.Sockets;
using Npgsql;
using WebmailLite.Storage.Postgres;

namespace WebmailLite.Tests.Infrastructure;

/// <summary>
/// The private PostgreSQL started by scripts/postgres-server.sh, shared by every test in the process. Starts it if it
/// is not running, so a bare `dotnet test` works; it is left running afterwards (scripts/test.sh stops what it
/// started). Each test gets its own schema (<see cref="NewSchema"/>), migrated as the app does, dropped after.
/// </summary>
public sealed class PostgresServer
{
    public const string DefaultDirectory = "/tmp/webmaillite-pg";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(90);
    private static readonly Lazy<PostgresServer> LazyInstance = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    private PostgresServer(string connectionString) => ConnectionString = connectionString;

    public static PostgresServer Instance => LazyInstance.Value;

    /// <summary>The database's connection string (its public schema).</summary>
    public string ConnectionString { get; }

    /// <summary>A fresh schema with the app's tables, for one test; dispose it to drop it.</summary>
    public TestSchema NewSchema()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..12];
        using (var admin = NpgsqlDataSource.Create(ConnectionString))
        using (var command = admin.CreateCommand($"CREATE SCHEMA {name}"))
        {
            command.ExecuteNonQuery();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = name }.ConnectionString;
        var database = new PostgresDatabase(connectionString);
        database.Migrate();
        return new TestSchema(name, connectionString, database, ConnectionString);
    }

    private static PostgresServer Create()
    {
        var script = RepositoryScript.Path("postgres-server.sh");
        var directory = Environment.GetEnvironmentVariable("WEBMAILLITE_PG_DIR") is { Length: > 0 } configured ? configured : DefaultDirectory;
        var envFile = Path.Combine(directory, "env");
        if (File.Exists(envFile))
        {
            var env = RepositoryScript.ReadEnvFile(envFile);
            if (env.TryGetValue("WEBMAILLITE_PG_PORT", out var port) && LoopbackPort.IsOpen(port))
            {
                return new PostgresServer(env["WEBMAILLITE_PG_CONNECTION"]);
            }
        }
        RepositoryScript.RunAsync(script, "start", new Dictionary<string, string>(), ScriptTimeout).GetAwaiter().GetResult();
        return new PostgresServer(RepositoryScript.ReadEnvFile(envFile)["WEBMAILLITE_PG_CONNECTION"]);
    }

}

/// <summary>One test's schema: <see cref="Database"/> sees only its tables (search path); dropped on dispose.</summary>
public sealed class TestSchema(string name, string connectionString, PostgresDatabase database, string adminConnectionString) : IDisposable
{
    public string Name { get; } = name;

    /// <summary>A connection string whose search path is this schema, e.g. for an app started on it.</summary>
    public string ConnectionString { get; } = connectionString;

    public PostgresDatabase Database { get; } = database;

    /// <summary>The settings that start an app on this schema (<c>Storage:Provider=PostgreSQL</c>).</summary>
    public Dictionary<string, string?> AppSettings() => new()
    {
        ["Storage:Provider"] = "PostgreSQL",
        ["Storage:ConnectionString"] = ConnectionString,
    };

    public void Dispose()
    {
        Database.Dispose();
        using var admin = NpgsqlDataSource.Create(adminConnectionString);
        using var command = admin.CreateCommand($"DROP SCHEMA {Name} CASCADE");
        command.ExecuteNonQuery();
    }
}
