using System.Reflection;
using System.Text.RegularExpressions;
using Npgsql;

namespace WebmailLite.Storage.Postgres;

/// <summary>
/// The PostgreSQL database every instance shares (<c>Storage:Provider=PostgreSQL</c>): one pooled
/// <see cref="NpgsqlDataSource"/>, and a schema brought up to date at start from the versioned SQL files embedded
/// under <c>Storage/Postgres/Schema</c> (<c>NNNN_name.sql</c>, applied once each, in order, recorded in
/// <c>schema_migrations</c>). Instances starting together take turns on an advisory lock, so each file runs once.
/// </summary>
public sealed partial class PostgresDatabase : IDisposable
{
    private const long MigrationLock = 0x5765626D61696CL; // "Webmail"

    public PostgresDatabase(string connectionString)
    {
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Every migration the app carries, in order: (version, name, SQL).</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Migrations { get; } = LoadMigrations();

    /// <summary>Applies the migrations this database has not seen; returns their versions.</summary>
    public IReadOnlyList<int> Migrate()
    {
        using var connection = DataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLock})");
        Execute(connection, transaction, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """);
        var applied = new HashSet<int>();
        using (var command = new NpgsqlCommand("SELECT version FROM schema_migrations", connection, transaction))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                applied.Add(reader.GetInt32(0));
            }
        }
        var ran = new List<int>();
        foreach (var (version, name, sql) in Migrations.Where(m => !applied.Contains(m.Version)))
        {
            Execute(connection, transaction, sql);
            using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", connection, transaction);
            record.Parameters.Add(new NpgsqlParameter { Value = version });
            record.Parameters.Add(new NpgsqlParameter { Value = name });
            record.ExecuteNonQuery();
            ran.Add(version);
        }
        transaction.Commit();
        return ran;
    }

    public NpgsqlConnection Open() => DataSource.OpenConnection();

    /// <summary>Runs one statement with positional parameters (<c>$1</c>, <c>$2</c>…); returns the rows it touched.</summary>
    public int Execute(string sql, params object?[] parameters)
    {
        using var connection = Open();
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>A command on <paramref name="connection"/> with positional parameters; <c>null</c> is sent as SQL NULL.</summary>
    public static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object?[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter ?? DBNull.Value });
        }
        return command;
    }

    public void Dispose() => DataSource.Dispose();

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }

    private static List<(int, string, string)> LoadMigrations()
    {
        var assembly = typeof(PostgresDatabase).Assembly;
        var migrations = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (MigrationName().Match(resource) is not { Success: true } match)
            {
                continue;
            }
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add((int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value, reader.ReadToEnd()));
        }
        migrations.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        var duplicate = migrations.GroupBy(m => m.Item1).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two schema migrations have the version {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Item2))}.");
        }
        return migrations;
    }

    [GeneratedRegex(@"^postgres-schema/(\d{4})_([a-z0-9_]+)\.sql$")]
    private static partial Regex MigrationName();
}
