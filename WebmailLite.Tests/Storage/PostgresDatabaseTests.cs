using Microsoft.Extensions.DependencyInjection;
using System.Xml.Linq;
using Npgsql;
using WebmailLite.Storage.Postgres;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Storage;

/// <summary>The PostgreSQL schema as every instance brings it up at start, and the key ring they share.</summary>
[Trait("Category", "PostgreSQL")]
public sealed class PostgresDatabaseTests : IDisposable
{
    private readonly TestSchema _schema = PostgresServer.Instance.NewSchema();

    public void Dispose() => _schema.Dispose();

    [Fact]
    public void Migrations_AreNumberedFromOne_WithoutGaps()
    {
        Assert.Equal(Enumerable.Range(1, PostgresDatabase.Migrations.Count), PostgresDatabase.Migrations.Select(m => m.Version));
    }

    [Fact]
    public void Migrate_Again_AppliesNothing_EachVersionRecordedOnce()
    {
        Assert.Empty(_schema.Database.Migrate());

        Assert.Equal(PostgresDatabase.Migrations.Select(m => m.Version), RecordedVersions(_schema.ConnectionString));
    }

    [Fact]
    public async Task InstancesStartingTogether_TakeTurns_EachMigrationRunsOnce()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..12];
        using (var admin = NpgsqlDataSource.Create(PostgresServer.Instance.ConnectionString))
        using (var create = admin.CreateCommand($"CREATE SCHEMA {name}"))
        {
            create.ExecuteNonQuery();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(PostgresServer.Instance.ConnectionString) { SearchPath = name }.ConnectionString;
        try
        {
            var instances = Enumerable.Range(0, 4).Select(_ => new PostgresDatabase(connectionString)).ToList();
            var applied = await Task.WhenAll(instances.Select(d => Task.Run(d.Migrate)));

            Assert.Equal(PostgresDatabase.Migrations.Count, applied.Sum(a => a.Count));
            Assert.Equal(PostgresDatabase.Migrations.Select(m => m.Version), RecordedVersions(connectionString));
            instances.ForEach(d => d.Dispose());
        }
        finally
        {
            using var admin = NpgsqlDataSource.Create(PostgresServer.Instance.ConnectionString);
            using var drop = admin.CreateCommand($"DROP SCHEMA {name} CASCADE");
            drop.ExecuteNonQuery();
        }
    }

    [Fact]
    public void KeyRing_WhatOneInstanceStores_EveryInstanceReads_OncePerKey()
    {
        var one = new PostgresXmlRepository(_schema.Database);
        using var otherDatabase = new PostgresDatabase(_schema.ConnectionString);
        var other = new PostgresXmlRepository(otherDatabase);
        var key = new XElement("key", new XAttribute("id", "5d6c…"), new XElement("creationDate", "2026-12-06T05:00:00Z"));

        one.StoreElement(key, "key-5d6c");
        other.StoreElement(key, "key-5d6c");

        var read = Assert.Single(other.GetAllElements());
        Assert.True(XNode.DeepEquals(key, read));
    }

    private static List<int> RecordedVersions(string connectionString)
    {
        using var database = NpgsqlDataSource.Create(connectionString);
        using var command = database.CreateCommand("SELECT version FROM schema_migrations ORDER BY version");
        using var reader = command.ExecuteReader();
        var versions = new List<int>();
        while (reader.Read())
        {
            versions.Add(reader.GetInt32(0));
        }
        return versions;
    }
}

/// <summary>Readiness (/sante/pret) asks the store the instance really uses.</summary>
[Trait("Category", "PostgreSQL")]
public sealed class StoreHealthCheckTests : IDisposable
{
    private readonly TestSchema _schema = PostgresServer.Instance.NewSchema();

    public void Dispose() => _schema.Dispose();

    [Fact]
    public async Task OnPostgreSQL_HealthyWhileTheDatabaseAnswers_UnhealthyWhenItDoesNot()
    {
        using var unreachable = new PostgresDatabase("Host=127.0.0.1;Port=9;Username=x;Password=x;Database=x;Timeout=2");

        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, (await Check(_schema.Database)).Status);
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, (await Check(unreachable)).Status);
    }

    private static Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> Check(PostgresDatabase database)
    {
        var services = new ServiceCollection().AddSingleton(database).BuildServiceProvider();
        var options = Microsoft.Extensions.Options.Options.Create(new WebmailLite.Storage.StorageOptions { Provider = WebmailLite.Storage.StorageProvider.PostgreSQL });
        return new WebmailLite.Operations.StoreHealthCheck(options, services).CheckHealthAsync(new());
    }
}
